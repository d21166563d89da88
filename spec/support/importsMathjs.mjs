// A module that imports mathjs: the control of spec/package/lazyImports.spec.ts (the resolve
// hook must see a mathjs import when one happens).
import 'mathjs';
