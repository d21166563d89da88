# node-gyp build of the native loss+gradient kernel (scripts/build-native.mjs runs it).
# -ffp-contract=off: no fused multiply-add, so every product and sum is rounded exactly as
# in the reference loop (src/core/kernel.ts); no -ffast-math, so nothing is reassociated.
{
  "targets": [{
    "target_name": "relucheck_native",
    "sources": ["gradient.c"],
    "cflags": ["-O3", "-std=c11", "-ffp-contract=off", "-fno-fast-math", "-Wall", "-Wextra", "-Wno-psabi"],
    "xcode_settings": {
      "OTHER_CFLAGS": ["-O3", "-std=c11", "-ffp-contract=off", "-fno-fast-math"]
    }
  }]
}
