/**
 * Demo data of `concord seed`: the ministries, police and border guards of eight member states,
 * their experts, one national contact point per country, and investment needs in metal
 * detectors, unmanned aerial vehicles and bullet-proof vests. People are fictional; their
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
