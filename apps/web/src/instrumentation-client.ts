import { z } from "zod";

// Runs in the browser before the app's modules. zod compiles object schemas with `new Function`
// when it may, and probes for that as each schema is defined; the page's CSP forbids eval, so that
// probe would be reported as a violation. Browser-side parsing therefore runs without compiling
// (the server keeps its compiled parsers).
z.config({ jitless: true });
