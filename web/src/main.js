// Placeholder entry point until the front end lands: shows that d3 and the engine bundle and load.
import * as d3 from 'd3';
import createEngineModule from 'engine-wasm';

const app = d3.select('#app');
createEngineModule().then(
  () => app.text('ready'),
  (error) => app.text(`engine failed to load: ${error.message}`),
);
