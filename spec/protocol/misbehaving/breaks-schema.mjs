// Names the gradient field "grad" instead of "gradient".
import { serve } from './lib.mjs';
serve({ gradient: (req, answer) => ({ id: req.id, result: { grad: answer().result.gradient } }) });
