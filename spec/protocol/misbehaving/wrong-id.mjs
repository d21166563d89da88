// Answers the gradient request with the wrong id.
import { serve } from './lib.mjs';
serve({ gradient: (req, answer) => ({ ...answer(), id: req.id + 100 }) });
