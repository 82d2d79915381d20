// The JSON Schema of workspace files for this build's capabilities, without a running node:
// `hotline export --schema` prints it, and examples/workspace.schema.json is a copy a test keeps
// equal to it (so an editor opening examples/demo.yaml validates against the real format).
import { jsonSchemaOf, schemaOf } from '../workspace/index.ts';
import { capabilities } from './capabilities.ts';
import { wire } from './wiring.ts';

export function workspaceJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(schemaOf(wire(capabilities).sections));
}
