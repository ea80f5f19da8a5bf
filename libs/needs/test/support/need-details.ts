/**
 * A need's details with what most tests leave as it is filled in: counted in pieces, planned for
 * 2027-Q3, a standard procedure open to joint procurement. A test names the rest, and anything it varies.
 */
export const needDetails = <Details extends object>(details: Details) => ({
  unit: 'piece',
  targetQuarter: '2027-Q3',
  approach: 'STANDARD',
  openToJointProcurement: true,
  ...details,
});
