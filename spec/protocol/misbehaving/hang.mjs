// Never answers a gradient request (an infinite loop in the solver).
import { serve } from './lib.mjs';
serve({ gradient: () => undefined });
