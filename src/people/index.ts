// The people capability's face: who the users, teams and customer organizations are, and how a
// request proves who it comes from. Every other capability and surface imports people only from here.

// The shapes of a person, a team and a customer organization, as the other capabilities read them.
export type { ContactKind, ContactMethod, User, UserInput, UserKind } from './user.ts';
export type { Team, TeamKind } from './team.ts';
export type { Deployment, Organization, Subscription, SupportPackage } from './organization.ts';

// Look-ups inside the caller's transaction: paging, schedules, tickets, emergencies and notify
// resolve people, teams and organizations through these.
export { findOrganization, findOrganizations, findTeams, findUser, findUsers, type UserFilter } from './store.ts';

// Use cases others start: mail intake creates the requester it does not know yet; start-up creates
// the first users.
export { createUser, saveOrganization } from './service.ts';

// Authentication, for the HTTP surface (sessions and tokens), the CLI and demo (tokens) and start-up
// (the bootstrap admin).
export { actorFor, authenticateSession, authenticateToken, bootstrapAdmin, createToken, type TokenInfo } from './service-auth.ts';
export { hashSecret } from './password.ts';

// The command-line surface, mounted by src/cli/main.ts.
export { registerPeopleCommands } from './cli.ts';
