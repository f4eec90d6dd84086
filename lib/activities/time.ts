/** activityDateTime without a zone ("2023-09-14T08:30:03", as in the seeds) is taken as UTC. */
export function activityInstant(value: string): Date {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}
