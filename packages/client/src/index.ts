export { createGavelClient, type GavelClient, type GavelClientOptions, isProblem } from './client';
export { GavelError } from './gavelError';
