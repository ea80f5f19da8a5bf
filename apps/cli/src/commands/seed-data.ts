/**
 * Demo data of `concord seed`: the ministries, police and border guards of eight member states,
 * their experts, one national contact point per country, and investment needs in metal
 * detectors, unmanned aerial vehicles and bullet-proof vests; a cross-border buyer group for
 * metal detectors and a topical group on ballistic protection. People are fictional; their
 * addresses use the reserved `.example` domain so that no real mailbox is named.
 */

export type SeedKind = 'MINISTRY' | 'LAW_ENFORCEMENT' | 'BORDER_GUARD';

export interface SeedMember {
  id: string;
  displayName: string;
  expertise: string[];
}

export interface SeedNeed {
  key: string;
  title: string;
  description: string;
  cpvCode: string;
  quantity: number;
  unit: string;
  amount: string;
  targetQuarter: string;
  approach: 'STANDARD' | 'PCP' | 'PPI' | 'INNOVATION_PARTNERSHIP';
  openToJointProcurement: boolean;
}

export interface SeedOrganisation {
  id: string;
  name: string;
  kind: SeedKind;
  /** Mail domain of its people, under `.example`. */
  domain: string;
  members: SeedMember[];
  needs: SeedNeed[];
}

export interface SeedCountry {
  country: string;
  /** Member id of the national contact point; a ministry official. */
  nationalContactPoint: string;
  organisations: SeedOrganisation[];
}

const METAL_DETECTORS = '35124000-9';
const UAV = '35613000-4';
const VESTS = '35815100-1';

const vests = (key: string, quantity: number, amount: string, targetQuarter: string, joint = true): SeedNeed => ({
  key,
  title: `Bullet-proof vests, NIJ level IIIA, ${quantity} pieces`,
  description:
    'Concealable soft body armour (NIJ 0101.06 level IIIA, stab protection KR1/SP1) in male and female cuts, with carriers and 10-year shelf life.',
  cpvCode: VESTS,
  quantity,
  unit: 'piece',
  amount,
  targetQuarter,
  approach: 'STANDARD',
  openToJointProcurement: joint,
});

const detectors = (key: string, quantity: number, amount: string, targetQuarter: string, joint = true): SeedNeed => ({
  key,
  title: `Walk-through metal detectors for checkpoints, ${quantity} units`,
  description:
    'Multi-zone walk-through metal detectors meeting ECAC CEP standard 1, with hand-held detectors, remote control units and operator training.',
  cpvCode: METAL_DETECTORS,
  quantity,
  unit: 'unit',
  amount,
  targetQuarter,
  approach: 'STANDARD',
  openToJointProcurement: joint,
});

const drones = (
  key: string,
  quantity: number,
  amount: string,
  targetQuarter: string,
  approach: SeedNeed['approach'],
  use: string,
): SeedNeed => ({
  key,
  title: `Unmanned aerial vehicles for ${use}, ${quantity} systems`,
  description: `Rotary-wing UAV systems with EO/IR payloads, encrypted data links and ground control stations, for ${use}; EASA specific-category operations.`,
  cpvCode: UAV,
  quantity,
  unit: 'system',
  amount,
  targetQuarter,
  approach,
  openToJointProcurement: true,
});

export const SEED_COUNTRIES: SeedCountry[] = [
  {
    country: 'FR',
    nationalContactPoint: 'fr-claire-martin',
    organisations: [
      {
        id: 'fr-ministere-interieur',
        name: 'Ministère de l’Intérieur et des Outre-mer (Ministry of the Interior and Overseas)',
        kind: 'MINISTRY',
        domain: 'interieur-fr.example',
        members: [
          { id: 'fr-claire-martin', displayName: 'Claire Martin', expertise: ['public procurement law', 'cross-border joint procurement'] },
          { id: 'fr-julien-bernard', displayName: 'Julien Bernard', expertise: ['innovation procurement (PCP/PPI)', 'EU funding'] },
        ],
        needs: [],
      },
      {
        id: 'fr-police-nationale',
        name: 'Police nationale (National Police)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'police-nationale-fr.example',
        members: [
          { id: 'fr-sophie-lefebvre', displayName: 'Sophie Lefebvre', expertise: ['ballistic protection', 'personal protective equipment'] },
          { id: 'fr-thomas-moreau', displayName: 'Thomas Moreau', expertise: ['logistics', 'public procurement law'] },
          { id: 'fr-nadia-benali', displayName: 'Nadia Benali', expertise: ['forensics', 'detection technologies'] },
        ],
        needs: [vests('fr-pn-vests-2027', 2000, '1300000.00', '2027-Q2')],
      },
      {
        id: 'fr-police-aux-frontieres',
        name: 'Direction nationale de la police aux frontières (National Border Police)',
        kind: 'BORDER_GUARD',
        domain: 'paf-fr.example',
        members: [
          { id: 'fr-antoine-girard', displayName: 'Antoine Girard', expertise: ['border surveillance', 'UAV operations'] },
          { id: 'fr-camille-rousseau', displayName: 'Camille Rousseau', expertise: ['airport security', 'detection technologies'] },
        ],
        needs: [
          detectors('fr-paf-detectors-2027', 60, '720000.00', '2027-Q1'),
          drones('fr-paf-uav-2027', 12, '2400000.00', '2027-Q4', 'PPI', 'green-border surveillance in the Alps and the Pyrenees'),
        ],
      },
    ],
  },
  {
    country: 'SK',
    nationalContactPoint: 'sk-martin-kovac',
    organisations: [
      {
        id: 'sk-ministerstvo-vnutra',
        name: 'Ministerstvo vnútra Slovenskej republiky (Ministry of Interior of the Slovak Republic)',
        kind: 'MINISTRY',
        domain: 'minv-sk.example',
        members: [
          { id: 'sk-martin-kovac', displayName: 'Martin Kováč', expertise: ['public procurement law', 'EU funding'] },
          { id: 'sk-zuzana-horvathova', displayName: 'Zuzana Horváthová', expertise: ['innovation procurement (PCP/PPI)'] },
        ],
        needs: [],
      },
      {
        id: 'sk-policajny-zbor',
        name: 'Policajný zbor Slovenskej republiky (Police Force of the Slovak Republic)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'policia-sk.example',
        members: [
          { id: 'sk-peter-novak', displayName: 'Peter Novák', expertise: ['ballistic protection', 'special intervention units'] },
          { id: 'sk-jana-balazova', displayName: 'Jana Balážová', expertise: ['logistics', 'personal protective equipment'] },
        ],
        needs: [vests('sk-pz-vests-2027', 800, '520000.00', '2027-Q3')],
      },
      {
        id: 'sk-hranicna-policia',
        name: 'Úrad hraničnej a cudzineckej polície (Bureau of Border and Foreign Police)',
        kind: 'BORDER_GUARD',
        domain: 'uhcp-sk.example',
        members: [
          { id: 'sk-tomas-varga', displayName: 'Tomáš Varga', expertise: ['border surveillance', 'UAV operations'] },
          { id: 'sk-lucia-mrazova', displayName: 'Lucia Mrázová', expertise: ['migration management', 'document fraud'] },
        ],
        needs: [drones('sk-uhcp-uav-2027', 6, '900000.00', '2027-Q4', 'PPI', 'surveillance of the Schengen external border with Ukraine')],
      },
    ],
  },
  {
    country: 'BG',
    nationalContactPoint: 'bg-ivan-petrov',
    organisations: [
      {
        id: 'bg-mvr',
        name: 'Министерство на вътрешните работи (Ministry of Interior)',
        kind: 'MINISTRY',
        domain: 'mvr-bg.example',
        members: [
          { id: 'bg-ivan-petrov', displayName: 'Иван Петров (Ivan Petrov)', expertise: ['public procurement law', 'cross-border joint procurement'] },
          { id: 'bg-maria-georgieva', displayName: 'Мария Георгиева (Maria Georgieva)', expertise: ['EU funding', 'internal security fund'] },
        ],
        needs: [],
      },
      {
        id: 'bg-natsionalna-politsia',
        name: 'Главна дирекция „Национална полиция“ (General Directorate National Police)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'nacpol-bg.example',
        members: [
          { id: 'bg-georgi-dimitrov', displayName: 'Георги Димитров (Georgi Dimitrov)', expertise: ['public order', 'personal protective equipment'] },
          { id: 'bg-elena-ivanova', displayName: 'Елена Иванова (Elena Ivanova)', expertise: ['forensics'] },
        ],
        needs: [],
      },
      {
        id: 'bg-granichna-politsia',
        name: 'Главна дирекция „Гранична полиция“ (General Directorate Border Police)',
        kind: 'BORDER_GUARD',
        domain: 'border-bg.example',
        members: [
          { id: 'bg-nikolay-stoyanov', displayName: 'Николай Стоянов (Nikolay Stoyanov)', expertise: ['border surveillance', 'UAV operations'] },
          { id: 'bg-desislava-koleva', displayName: 'Десислава Колева (Desislava Koleva)', expertise: ['detection technologies', 'logistics'] },
          { id: 'bg-stefan-todorov', displayName: 'Стефан Тодоров (Stefan Todorov)', expertise: ['maritime surveillance'] },
        ],
        needs: [
          detectors('bg-gp-detectors-2027', 40, '460000.00', '2027-Q2'),
          drones('bg-gp-uav-2028', 10, '1500000.00', '2028-Q1', 'INNOVATION_PARTNERSHIP', 'surveillance of the border with Türkiye'),
        ],
      },
    ],
  },
  {
    country: 'EE',
    nationalContactPoint: 'ee-kadri-tamm',
    organisations: [
      {
        id: 'ee-siseministeerium',
        name: 'Siseministeerium (Ministry of the Interior)',
        kind: 'MINISTRY',
        domain: 'siseministeerium-ee.example',
        members: [
          { id: 'ee-kadri-tamm', displayName: 'Kadri Tamm', expertise: ['public procurement law', 'cross-border joint procurement'] },
          { id: 'ee-andres-saar', displayName: 'Andres Saar', expertise: ['innovation procurement (PCP/PPI)', 'cybersecurity'] },
        ],
        needs: [],
      },
      {
        id: 'ee-politsei-ja-piirivalveamet',
        name: 'Politsei- ja Piirivalveamet (Police and Border Guard Board)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'politsei-ee.example',
        members: [
          { id: 'ee-mart-kask', displayName: 'Mart Kask', expertise: ['personal protective equipment', 'logistics'] },
          { id: 'ee-liis-sepp', displayName: 'Liis Sepp', expertise: ['forensics', 'detection technologies'] },
        ],
        needs: [vests('ee-ppa-vests-2027', 400, '280000.00', '2027-Q1', false)],
      },
      {
        id: 'ee-piirivalve',
        name: 'Politsei- ja Piirivalveameti piirivalvebüroo (Border Guard Bureau of the Police and Border Guard Board)',
        kind: 'BORDER_GUARD',
        domain: 'piirivalve-ee.example',
        members: [
          { id: 'ee-tanel-magi', displayName: 'Tanel Mägi', expertise: ['border surveillance', 'UAV operations'] },
          { id: 'ee-piret-rebane', displayName: 'Piret Rebane', expertise: ['maritime surveillance'] },
        ],
        needs: [drones('ee-pv-uav-2027', 8, '1200000.00', '2027-Q3', 'PCP', 'surveillance of the eastern border and Lake Peipus')],
      },
    ],
  },
  {
    country: 'CY',
    nationalContactPoint: 'cy-andreas-georgiou',
    organisations: [
      {
        id: 'cy-mjpo',
        name: 'Υπουργείο Δικαιοσύνης και Δημόσιας Τάξης (Ministry of Justice and Public Order)',
        kind: 'MINISTRY',
        domain: 'mjpo-cy.example',
        members: [
          { id: 'cy-andreas-georgiou', displayName: 'Ανδρέας Γεωργίου (Andreas Georgiou)', expertise: ['public procurement law', 'EU funding'] },
          { id: 'cy-eleni-christodoulou', displayName: 'Ελένη Χριστοδούλου (Eleni Christodoulou)', expertise: ['cross-border joint procurement'] },
        ],
        needs: [],
      },
      {
        id: 'cy-astynomia-kyprou',
        name: 'Αστυνομία Κύπρου (Cyprus Police)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'police-cy.example',
        members: [
          { id: 'cy-christos-ioannou', displayName: 'Χρήστος Ιωάννου (Christos Ioannou)', expertise: ['airport security', 'detection technologies'] },
          { id: 'cy-maria-constantinou', displayName: 'Μαρία Κωνσταντίνου (Maria Constantinou)', expertise: ['logistics'] },
        ],
        needs: [detectors('cy-police-detectors-2027', 25, '300000.00', '2027-Q3')],
      },
      {
        id: 'cy-limeniki-naftiki-astynomia',
        name: 'Λιμενική και Ναυτική Αστυνομία (Port and Marine Police)',
        kind: 'BORDER_GUARD',
        domain: 'marine-police-cy.example',
        members: [
          { id: 'cy-nikos-papadopoulos', displayName: 'Νίκος Παπαδόπουλος (Nikos Papadopoulos)', expertise: ['maritime surveillance', 'UAV operations'] },
          { id: 'cy-anna-charalambous', displayName: 'Άννα Χαραλάμπους (Anna Charalambous)', expertise: ['search and rescue'] },
        ],
        needs: [drones('cy-lna-uav-2028', 4, '640000.00', '2028-Q2', 'PPI', 'maritime surveillance off the southern coast')],
      },
    ],
  },
  {
    country: 'PT',
    nationalContactPoint: 'pt-joao-silva',
    organisations: [
      {
        id: 'pt-mai',
        name: 'Ministério da Administração Interna (Ministry of Internal Administration)',
        kind: 'MINISTRY',
        domain: 'mai-pt.example',
        members: [
          { id: 'pt-joao-silva', displayName: 'João Silva', expertise: ['public procurement law', 'cross-border joint procurement'] },
          { id: 'pt-ana-ferreira', displayName: 'Ana Ferreira', expertise: ['innovation procurement (PCP/PPI)'] },
        ],
        needs: [],
      },
      {
        id: 'pt-psp',
        name: 'Polícia de Segurança Pública (Public Security Police)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'psp-pt.example',
        members: [
          { id: 'pt-miguel-santos', displayName: 'Miguel Santos', expertise: ['ballistic protection', 'public order'] },
          { id: 'pt-ines-costa', displayName: 'Inês Costa', expertise: ['personal protective equipment', 'logistics'] },
        ],
        needs: [vests('pt-psp-vests-2027', 1500, '975000.00', '2027-Q4')],
      },
      {
        id: 'pt-gnr-uccf',
        name: 'Guarda Nacional Republicana – Unidade de Controlo Costeiro e de Fronteiras (Coastal and Border Control Unit)',
        kind: 'BORDER_GUARD',
        domain: 'gnr-pt.example',
        members: [
          { id: 'pt-rui-oliveira', displayName: 'Rui Oliveira', expertise: ['maritime surveillance', 'border surveillance'] },
          { id: 'pt-catarina-rodrigues', displayName: 'Catarina Rodrigues', expertise: ['detection technologies'] },
        ],
        needs: [detectors('pt-gnr-detectors-2028', 30, '390000.00', '2028-Q1', false)],
      },
    ],
  },
  {
    country: 'RO',
    nationalContactPoint: 'ro-andrei-popescu',
    organisations: [
      {
        id: 'ro-mai',
        name: 'Ministerul Afacerilor Interne (Ministry of Internal Affairs)',
        kind: 'MINISTRY',
        domain: 'mai-ro.example',
        members: [
          { id: 'ro-andrei-popescu', displayName: 'Andrei Popescu', expertise: ['public procurement law', 'EU funding'] },
          { id: 'ro-ioana-ionescu', displayName: 'Ioana Ionescu', expertise: ['cross-border joint procurement', 'internal security fund'] },
        ],
        needs: [],
      },
      {
        id: 'ro-igpr',
        name: 'Inspectoratul General al Poliției Române (General Inspectorate of Romanian Police)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'politiaromana-ro.example',
        members: [
          { id: 'ro-mihai-stan', displayName: 'Mihai Stan', expertise: ['ballistic protection', 'special intervention units'] },
          { id: 'ro-elena-dumitru', displayName: 'Elena Dumitru', expertise: ['logistics'] },
        ],
        needs: [vests('ro-igpr-vests-2027', 3000, '1950000.00', '2027-Q2')],
      },
      {
        id: 'ro-igpf',
        name: 'Inspectoratul General al Poliției de Frontieră (General Inspectorate of Border Police)',
        kind: 'BORDER_GUARD',
        domain: 'politiadefrontiera-ro.example',
        members: [
          { id: 'ro-cristian-marin', displayName: 'Cristian Marin', expertise: ['border surveillance', 'UAV operations'] },
          { id: 'ro-alexandra-radu', displayName: 'Alexandra Radu', expertise: ['detection technologies', 'document fraud'] },
          { id: 'ro-vlad-munteanu', displayName: 'Vlad Munteanu', expertise: ['maritime surveillance'] },
        ],
        needs: [
          drones('ro-igpf-uav-2027', 15, '2250000.00', '2027-Q4', 'PPI', 'surveillance of the Danube and Black Sea border'),
          detectors('ro-igpf-detectors-2027', 50, '575000.00', '2027-Q3'),
        ],
      },
    ],
  },
  {
    country: 'LT',
    nationalContactPoint: 'lt-rasa-kazlauskiene',
    organisations: [
      {
        id: 'lt-vrm',
        name: 'Lietuvos Respublikos vidaus reikalų ministerija (Ministry of the Interior of the Republic of Lithuania)',
        kind: 'MINISTRY',
        domain: 'vrm-lt.example',
        members: [
          { id: 'lt-rasa-kazlauskiene', displayName: 'Rasa Kazlauskienė', expertise: ['public procurement law', 'cross-border joint procurement'] },
          { id: 'lt-tomas-petrauskas', displayName: 'Tomas Petrauskas', expertise: ['innovation procurement (PCP/PPI)', 'cybersecurity'] },
        ],
        needs: [],
      },
      {
        id: 'lt-policijos-departamentas',
        name: 'Policijos departamentas (Police Department)',
        kind: 'LAW_ENFORCEMENT',
        domain: 'policija-lt.example',
        members: [
          { id: 'lt-jonas-jankauskas', displayName: 'Jonas Jankauskas', expertise: ['ballistic protection', 'public order'] },
          { id: 'lt-ieva-stankeviciute', displayName: 'Ieva Stankevičiūtė', expertise: ['logistics'] },
        ],
        needs: [vests('lt-pd-vests-2027', 1000, '690000.00', '2027-Q4')],
      },
      {
        id: 'lt-vsat',
        name: 'Valstybės sienos apsaugos tarnyba (State Border Guard Service)',
        kind: 'BORDER_GUARD',
        domain: 'vsat-lt.example',
        members: [
          { id: 'lt-mindaugas-vaitkus', displayName: 'Mindaugas Vaitkus', expertise: ['border surveillance', 'UAV operations'] },
          { id: 'lt-egle-zukauskaite', displayName: 'Eglė Žukauskaitė', expertise: ['detection technologies'] },
        ],
        needs: [
          drones('lt-vsat-uav-2027', 20, '3000000.00', '2027-Q2', 'PCP', 'surveillance of the border with Belarus'),
          detectors('lt-vsat-detectors-2028', 24, '288000.00', '2028-Q2'),
        ],
      },
    ],
  },
];

/** firstname.lastname@domain, from the member id (`fr-claire-martin`) without accents. */
export function seedEmail(member: SeedMember, organisation: SeedOrganisation): string {
  const local = member.id.split('-').slice(1).join('.');
  return `${local}@${organisation.domain}`;
}

/** An organisation of a buyer group, the member who acts for it, and the seeded needs it pools. */
export interface SeedParticipant {
  organisationId: string;
  memberId: string;
  needKeys: string[];
}

export interface SeedBuyerGroup {
  key: string;
  name: string;
  description: string;
  cpvCode: string;
  proposer: SeedParticipant;
  joiners: SeedParticipant[];
  /** The organisation that runs the procedure for all; its law applies (joint award, Art. 39(4)). */
  leadProcurerId: string;
  model: 'JOINT_AWARD';
  legalBasis: 'DIRECTIVE_2014_24_EU';
  agreement: { title: string; terms: string };
}

/**
 * Three border authorities on the EU's external border pool their metal-detector needs; the
 * Romanian border police lead the joint award under Romanian law. The needs of France and
 * Lithuania stay open, so a second metal-detector group could still form.
 */
export const SEED_BUYER_GROUP: SeedBuyerGroup = {
  key: 'metal-detectors-2027',
  name: 'Walk-through metal detectors for external border crossing points 2027',
  description:
    'Joint award of one supply contract for multi-zone walk-through metal detectors (ECAC CEP standard 1), hand-held detectors, ' +
    'installation, operator training and five years of maintenance, for border crossing points of Romania, Bulgaria and Cyprus.',
  cpvCode: METAL_DETECTORS,
  proposer: { organisationId: 'ro-igpf', memberId: 'ro-alexandra-radu', needKeys: ['ro-igpf-detectors-2027'] },
  joiners: [
    { organisationId: 'bg-granichna-politsia', memberId: 'bg-desislava-koleva', needKeys: ['bg-gp-detectors-2027'] },
    { organisationId: 'cy-astynomia-kyprou', memberId: 'cy-christos-ioannou', needKeys: ['cy-police-detectors-2027'] },
  ],
  leadProcurerId: 'ro-igpf',
  model: 'JOINT_AWARD',
  legalBasis: 'DIRECTIVE_2014_24_EU',
  agreement: {
    title: 'Joint Procurement Agreement – walk-through metal detectors for external border crossing points (2027)',
    terms: `Parties: Inspectoratul General al Poliției de Frontieră (General Inspectorate of Border Police, Romania), lead procurer; Главна дирекция „Гранична полиция“ (General Directorate Border Police, Bulgaria); Αστυνομία Κύπρου (Cyprus Police).

1. Subject. The parties jointly award one supply contract for walk-through metal detectors (CPV 35124000-9) meeting ECAC CEP standard 1, with hand-held detectors, installation, operator training and five years of maintenance, in the quantities each party pooled into the buyer group.

2. Legal basis and applicable law. The contract is awarded jointly under Article 39(4) of Directive 2014/24/EU. The procedure is conducted under the public procurement law of Romania (Law No 98/2016 on public procurement), which also governs remedies.

3. Lead procurer. The General Inspectorate of Border Police conducts the procedure on behalf of all parties: it prepares the tender documents with them, publishes the contract notice in the Official Journal of the European Union, evaluates the tenders with an evaluation committee to which each party appoints one member, and awards the contract.

4. Responsibilities. The parties are jointly responsible for the lawfulness of the award procedure. Each party remains solely responsible for its own part of the contract: it places its own orders, accepts its own deliveries and pays for what is delivered to it.

5. Costs. Each party bears its own costs of taking part. The common costs of the procedure (translations, publications, technical expertise) are shared in proportion to each party's estimated budget.

6. Confidentiality. Tenders and evaluation documents are shared among the parties only for the award and are kept confidential.

7. Withdrawal. A party may withdraw until the contract notice is published; from then on it is bound by the outcome of the procedure.

8. Disputes. The parties settle disputes about this agreement amicably; failing that, the courts of Romania have jurisdiction.`,
  },
};

export interface SeedDecision {
  key: string;
  proposedBy: string;
  title: string;
  text: string;
  /** ISO 8601 instant with its zone. */
  dueBy: string;
  votes: { memberId: string; choice: 'FOR' | 'AGAINST' | 'ABSTAIN' }[];
  /** Closed by the leader once voted; the tally decides ADOPTED or REJECTED. */
  close: boolean;
}

export interface SeedTopicalGroup {
  key: string;
  name: string;
  topic: string;
  description: string;
  leaderId: string;
  /** Join as themselves, after the leader was appointed. */
  memberIds: string[];
  meeting: { key: string; heldOn: string; title: string; minutes: string; attendeeIds: string[] };
  decisions: SeedDecision[];
  action: { key: string; title: string; assigneeId: string; dueBy: string; decisionKey: string };
}

/** Police experts of five countries on body armour; one specification adopted, one question still open. */
export const SEED_TOPICAL_GROUP: SeedTopicalGroup = {
  key: 'ballistic-protection',
  name: 'Ballistic protection',
  topic: 'Body armour and ballistic protective equipment for police officers',
  description:
    'Police experts compare national specifications, test methods and field experience of bullet- and stab-resistant body armour, ' +
    'and prepare common requirements for joint procurement of vests.',
  leaderId: 'fr-sophie-lefebvre',
  memberIds: ['sk-peter-novak', 'pt-miguel-santos', 'ro-mihai-stan', 'lt-jonas-jankauskas', 'ee-mart-kask'],
  meeting: {
    key: 'kick-off',
    heldOn: '2026-10-21T10:00:00+02:00',
    title: 'Kick-off meeting (video conference)',
    minutes: `Chair: Sophie Lefebvre. Apologies: Mart Kask.

1. Purpose of the group. The chair recalled that five of the members' forces plan to buy concealable vests in 2027 and that their specifications differ mainly in the protection level against knives and in the sizing of female cuts.

2. National situations. France, Slovakia, Portugal, Romania and Lithuania presented their current vests, stocks and replacement cycles. All use NIJ 0101.06 level IIIA for soft armour; stab protection ranges from none to KR1/SP1.

3. Common specification. The members agreed to work from the French draft: NIJ 0101.06 level IIIA, KR1/SP1 stab protection, male and female cuts in at least ten sizes, and a ten-year shelf life. The chair put the specification to a vote before the end of February.

4. Test results. Mihai Stan proposed that national test laboratories share their ballistic test reports on the models they have certified. Several members must first check confidentiality rules with their ministries, so the vote stays open until the end of September.

5. Next meeting: April 2027 in Lisbon, hosted by the Public Security Police.`,
    attendeeIds: ['fr-sophie-lefebvre', 'sk-peter-novak', 'pt-miguel-santos', 'ro-mihai-stan', 'lt-jonas-jankauskas'],
  },
  decisions: [
    {
      key: 'common-specification',
      proposedBy: 'fr-sophie-lefebvre',
      title: 'Adopt a common minimum specification for concealable body armour',
      text:
        'The members adopt as their common minimum requirements for concealable vests: ballistic protection NIJ 0101.06 level IIIA, ' +
        'stab protection KR1/SP1 (HOSDB 2007), male and female cuts in at least ten sizes, a ten-year shelf life of the ballistic ' +
        'panels, and a carrier in a colour chosen by each force. Members use these requirements in their tender documents.',
      dueBy: '2027-02-26T18:00:00+01:00',
      votes: [
        { memberId: 'fr-sophie-lefebvre', choice: 'FOR' },
        { memberId: 'sk-peter-novak', choice: 'FOR' },
        { memberId: 'pt-miguel-santos', choice: 'FOR' },
        { memberId: 'ro-mihai-stan', choice: 'FOR' },
        { memberId: 'lt-jonas-jankauskas', choice: 'FOR' },
        { memberId: 'ee-mart-kask', choice: 'ABSTAIN' },
      ],
      close: true,
    },
    {
      key: 'shared-test-reports',
      proposedBy: 'ro-mihai-stan',
      title: 'Share ballistic test reports between national test laboratories',
      text:
        'Each member asks its national test laboratory to share, with the laboratories of the other members, the ballistic and stab ' +
        'test reports of the vest models it has certified since 2022, so that a model tested in one country need not be retested in another.',
      dueBy: '2027-09-30T17:00:00+03:00',
      votes: [
        { memberId: 'ro-mihai-stan', choice: 'FOR' },
        { memberId: 'lt-jonas-jankauskas', choice: 'FOR' },
        { memberId: 'sk-peter-novak', choice: 'AGAINST' },
      ],
      close: false,
    },
  ],
  action: {
    key: 'circulate-specification',
    title: 'Circulate the common specification to the national procurement offices and collect their comments',
    assigneeId: 'pt-miguel-santos',
    dueBy: '2027-04-30T17:00:00+01:00',
    decisionKey: 'common-specification',
  },
};
