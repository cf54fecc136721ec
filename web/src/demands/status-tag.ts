/** The colour of a status tag: ends in grey, handled in green, refusals and merges in amber. */
export function statusTagType(
  status: string | undefined,
): 'success' | 'warning' | 'info' | 'danger' | 'primary' {
  switch (status) {
    case 'archived':
      return 'success';
    case 'merged':
    case 'diverted':
    case 'closed_invalid':
      return 'info';
    case 'paused':
      return 'warning';
    default:
      return 'primary';
  }
}
