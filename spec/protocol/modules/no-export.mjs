// Exports nothing an Implementation could come from.
export const version = '1.0';
