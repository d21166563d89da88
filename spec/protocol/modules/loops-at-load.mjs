// Top-level code that never finishes: loading the module itself hangs.
for (;;) {
  /* never returns */
}
