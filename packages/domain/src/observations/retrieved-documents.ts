// The documents a RETRIEVER observation returned, read from the shapes instrumentations send, so the
// trace view lists them (title, score, content) instead of raw JSON. Pure: no I/O, never throws.
//
// Shapes read:
// - OpenInference: `retrieval.documents.N.document.{id,content,score,metadata}`, as flat attribute keys
//   (what the OTel mapping keeps in metadata.attributes), nested objects, or an array of `{document: …}`.
// - LangChain: `[{ pageContent, metadata }]` (also `{ documents: [...] }`).
// - Plain: `[{ id?, content | text, score?, metadata? }]`.

export type RetrievedDocument = {
  /** A heading for the row: metadata title/source/name, else the id, else "Document N". */
  title: string;
  id: string | null;
  score: number | null;
  content: string;
  metadata: Record<string, unknown> | null;
};

const MAX_DOCUMENTS = 500;
const FLAT_KEY = /^retrieval\.documents\.(\d+)\.document\.(id|content|score|metadata)$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function asNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function asMetadata(v: unknown): Record<string, unknown> | null {
  if (isRecord(v)) return Object.keys(v).length > 0 ? v : null;
  // OTel attributes carry metadata as a JSON string.
  if (typeof v === "string" && v.trimStart().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(v);
      return isRecord(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

const text = (v: unknown): string | null =>
  typeof v === "string" ? v : v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : String(v);

function titleOf(metadata: Record<string, unknown> | null, id: string | null, index: number): string {
  for (const key of ["title", "source", "name", "file_name", "filename", "url"]) {
    const value = metadata?.[key];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return id ?? `Document ${index + 1}`;
}

/** One element of a document list, or null when it does not look like a document. */
function documentOf(raw: unknown, index: number): RetrievedDocument | null {
  if (!isRecord(raw)) return null;
  // OpenInference nests the fields under `document`.
  const d = isRecord(raw.document) ? raw.document : raw;
  // A chat message has content too, but it is not a document.
  if ("role" in d) return null;
  const content = text(d.pageContent ?? d.page_content ?? d.content ?? d.text);
  if (content === null) return null;
  const metadata = asMetadata(d.metadata);
  const id = text(d.id ?? metadata?.id ?? null);
  const score = asNumber(d.score ?? raw.score ?? metadata?.score ?? metadata?.relevance_score);
  return { title: titleOf(metadata, id, index), id, score, content, metadata };
}

function fromList(list: unknown[]): RetrievedDocument[] | null {
  if (list.length === 0) return null;
  const docs: RetrievedDocument[] = [];
  for (const [i, item] of list.slice(0, MAX_DOCUMENTS).entries()) {
    const doc = documentOf(item, i);
    // A list is a document list only when every element is one (a chat or a list of numbers is not).
    if (!doc) return null;
    docs.push(doc);
  }
  return docs;
}

/** `retrieval.documents.N.document.*` keys of a flat attribute map, grouped by N. */
function fromFlatKeys(record: Record<string, unknown>): RetrievedDocument[] | null {
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const [key, value] of Object.entries(record)) {
    const m = FLAT_KEY.exec(key);
    if (!m) continue;
    const i = Number(m[1]);
    if (i >= MAX_DOCUMENTS) continue;
    const doc = byIndex.get(i) ?? {};
    doc[m[2] as string] = value;
    byIndex.set(i, doc);
  }
  if (byIndex.size === 0) return null;
  const list = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, d]) => ({ ...d, content: d.content ?? "" }));
  return fromList(list);
}

/**
 * The documents in `value` (a retriever's output, or its metadata/attributes), or null when it holds
 * none of the known shapes. Order is kept; at most 500 are read.
 */
export function parseRetrievedDocuments(value: unknown): RetrievedDocument[] | null {
  if (Array.isArray(value)) return fromList(value);
  if (!isRecord(value)) return null;
  const flat = fromFlatKeys(value);
  if (flat) return flat;
  // Nested: { documents: [...] }, { retrieval: { documents: [...] } }, OTel leftovers under `attributes`.
  for (const inner of [value.documents, isRecord(value.retrieval) ? value.retrieval.documents : undefined, value.attributes]) {
    if (inner === undefined) continue;
    const docs = parseRetrievedDocuments(inner);
    if (docs) return docs;
  }
  return null;
}
