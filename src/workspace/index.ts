// The workspace capability's face: the workspace file (one YAML document, one section per
// capability) applied and exported as a whole. Every other capability and surface imports it from here.

// What a capability's section is: its plug declares one, src/main/ puts them in apply order.
export type { ApplyContext, SectionReport, WorkspaceSection } from '../runtime/context.ts';

// Field readers a section uses to check its part of the document (each error names the path).
export { allowOnly, at, bool, int, list, strings, text, type Obj } from './fields.ts';

// The format, defined once: building blocks for each section's schema, the whole document's
// schema and its JSON Schema form (published at /api/workspace.schema.json).
export { Choice, Fields, MapOf, Nullable, OneOf, Text, jsonSchemaOf, type SectionSchema } from './schema.ts';

// Use cases: apply a file (start-up applies the demo workspace) and export the workspace as YAML.
export { applyWorkspace, exportWorkspace, schemaOf, type ApplyReport } from './service.ts';

// The HTTP surface (apply and export), mounted by src/api/app.ts.
export { registerWorkspaceRoutes } from './routes.ts';
