/** zod with its OpenAPI extension: every schema of the contract can name itself in the document. */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from '../../domain/validation';

extendZodWithOpenApi(z);

export { z };
