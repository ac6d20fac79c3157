// The jest project `runsc` (jest.config.js): the Docker sandbox tests of this worker, and the
// host fixtures they spawn (they inherit the environment), start their containers under gVisor.
process.env.RLM_TEST_RUNTIME = 'runsc';
