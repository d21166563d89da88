// Offers no capability at all: every claim is not applicable, so a check run checks nothing.
export default { name: 'offers-nothing', capabilities: [] };
