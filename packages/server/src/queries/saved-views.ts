import {
  type Role,
  SAVED_VIEW_IGNORED_KEYS,
  SAVED_VIEW_QUERIES,
  type SavedViewTable,
  type TCreateSavedViewBody,
  type TSavedView,
  type TSavedViewList,
  type TSavedViewState,
  type TUpdateSavedViewBody,
  ZSavedView,
} from "@loupe/contracts";
import {
  createSavedViewRow,
  deleteSavedViewRow,
  findSavedViewRow,
  listSavedViewRows,
  type SavedViewRow,
  updateSavedViewRow,
} from "@loupe/db";
import { requireRole } from "../auth/roles.ts";
import { badRequest, conflict, notFoundInProject } from "../errors.ts";

// Saved views of the list tables, shared in the project: every member applies them, MEMBER+ creates,
// renames, overwrites and deletes them (any member's view, as with dashboards).

type Actor = { userId: string; role: Role };

const toDto = (row: SavedViewRow): TSavedView =>
  ZSavedView.parse({
    id: row.id,
    table: row.table,
    name: row.name,
    state: row.state,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });

/**
 * The state as stored: without the keys a view does not keep (page, preview), and only with keys and
 * values the table's own list contract accepts, so applying it yields a URL the table can read.
 */
function checkedState(table: SavedViewTable, state: TSavedViewState): TSavedViewState {
  const schema = SAVED_VIEW_QUERIES[table];
  const query = Object.fromEntries(
    Object.entries(state.query).filter(([k, v]) => v !== "" && !(SAVED_VIEW_IGNORED_KEYS as readonly string[]).includes(k)),
  );
  const unknown = Object.keys(query).filter((k) => !(k in schema.shape));
  if (unknown.length > 0) throw badRequest(`state.query.${unknown[0]}: not a filter of the ${table} table`);
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`state.query.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  return { query, columns: state.columns };
}

export async function listSavedViews(projectId: string, table: SavedViewTable): Promise<TSavedViewList> {
  return { data: (await listSavedViewRows(projectId, table)).map(toDto) };
}

const nameTaken = (name: string) => conflict(`A view named "${name}" already exists for this table; pick another name`);

export async function createSavedView(projectId: string, actor: Actor, body: TCreateSavedViewBody): Promise<TSavedView> {
  requireRole(actor.role, "MEMBER");
  const state = checkedState(body.table, body.state);
  const row = await createSavedViewRow(projectId, { table: body.table, name: body.name, state, createdBy: actor.userId });
  if (row === "name-taken") throw nameTaken(body.name);
  return toDto(row);
}

export async function updateSavedView(projectId: string, actor: Actor, viewId: string, body: TUpdateSavedViewBody): Promise<TSavedView> {
  requireRole(actor.role, "MEMBER");
  const existing = await findSavedViewRow(projectId, viewId);
  if (!existing) throw notFoundInProject("Saved view", viewId);
  const state = body.state ? checkedState(existing.table as SavedViewTable, body.state) : undefined;
  const row = await updateSavedViewRow(projectId, viewId, { name: body.name, state });
  if (row === "not-found") throw notFoundInProject("Saved view", viewId);
  if (row === "name-taken") throw nameTaken(body.name ?? existing.name);
  return toDto(row);
}

export async function deleteSavedView(projectId: string, actor: Actor, viewId: string): Promise<void> {
  requireRole(actor.role, "MEMBER");
  if (!(await deleteSavedViewRow(projectId, viewId))) throw notFoundInProject("Saved view", viewId);
}
