// Handshakes and accepts data, then dies while computing a gradient.
import { serve } from './lib.mjs';
serve({
  gradient: () => {
    process.stderr.write('Fatal Python error: Segmentation fault\n');
    process.exit(139);
  },
});
