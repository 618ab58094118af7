/** Every route on the embedded store (the default), through fastify.inject. */
import { startTestApi } from './support/api-app.js';
import { apiRouteSuite } from './support/api-routes.js';

apiRouteSuite('embedded', () => startTestApi());
