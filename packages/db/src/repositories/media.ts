import { prisma } from "../client.ts";

export async function findMedia(projectId: string, id: string) {
  return prisma.media.findUnique({
    where: { projectId_id: { projectId, id } },
    select: { id: true, sha256Hash: true, contentType: true, contentLength: true, uploadedAt: true },
  });
}

/** Creates the media row, or re-describes one whose bytes have not arrived yet by the latest announcement. */
export async function upsertMediaRecord(input: {
  projectId: string;
  id: string;
  sha256Hash: string;
  contentType: string;
  contentLength: number;
}) {
  await prisma.media.upsert({
    where: { projectId_id: { projectId: input.projectId, id: input.id } },
    create: input,
    update: { contentType: input.contentType, contentLength: input.contentLength },
    select: { id: true },
  });
}

export async function addMediaReference(input: {
  projectId: string;
  mediaId: string;
  traceId: string;
  observationId: string | null;
  field: string;
}) {
  await prisma.mediaReference.upsert({
    where: {
      projectId_mediaId_traceId_observationId_field: {
        projectId: input.projectId,
        mediaId: input.mediaId,
        traceId: input.traceId,
        observationId: input.observationId ?? "",
        field: input.field,
      },
    },
    create: { ...input, observationId: input.observationId ?? "" },
    update: {},
  });
}

export async function storeMediaContent(projectId: string, id: string, content: Buffer): Promise<void> {
  await prisma.media.update({
    where: { projectId_id: { projectId, id } },
    data: { content: new Uint8Array(content), uploadedAt: new Date() },
  });
}

/** The SDK's report of its upload; `uploadedAt` only once the store has confirmed the bytes. */
export async function recordMediaUpload(
  projectId: string,
  id: string,
  data: { uploadHttpStatus: number; uploadHttpError: string | null; uploadedAt?: Date },
) {
  const result = await prisma.media.updateMany({ where: { projectId, id }, data });
  return result.count > 0;
}

export async function hasMediaContent(projectId: string, id: string): Promise<boolean> {
  return (await prisma.media.count({ where: { projectId, id, content: { not: null } } })) > 0;
}

export async function readMediaContent(projectId: string, id: string) {
  return prisma.media.findUnique({
    where: { projectId_id: { projectId, id } },
    select: { content: true, contentType: true, contentLength: true },
  });
}

/** A page of a project's media ids (the project deletion job walks them to delete stored objects first). */
export async function listProjectMediaIds(projectId: string, limit: number): Promise<string[]> {
  const rows = await prisma.media.findMany({ where: { projectId }, select: { id: true }, orderBy: { id: "asc" }, take: limit });
  return rows.map((r) => r.id);
}

export async function deleteMediaRows(projectId: string, ids: string[]): Promise<number> {
  return (await prisma.media.deleteMany({ where: { projectId, id: { in: ids } } })).count;
}
