import { describe, expect, it } from "vitest";
import { parseRetrievedDocuments } from "./retrieved-documents.ts";

describe("parseRetrievedDocuments", () => {
  it("reads OpenInference flat attribute keys, in index order, with JSON-string metadata", () => {
    const docs = parseRetrievedDocuments({
      "retrieval.documents.1.document.id": "doc-b",
      "retrieval.documents.1.document.content": "Refunds take 5 days.",
      "retrieval.documents.1.document.score": 0.42,
      "retrieval.documents.0.document.id": "doc-a",
      "retrieval.documents.0.document.content": "Orders ship in 24 h.",
      "retrieval.documents.0.document.score": "0.91",
      "retrieval.documents.0.document.metadata": '{"title":"Shipping FAQ"}',
      "openinference.span.kind": "RETRIEVER",
    });
    expect(docs).toEqual([
      { title: "Shipping FAQ", id: "doc-a", score: 0.91, content: "Orders ship in 24 h.", metadata: { title: "Shipping FAQ" } },
      { title: "doc-b", id: "doc-b", score: 0.42, content: "Refunds take 5 days.", metadata: null },
    ]);
  });

  it("finds the flat keys under the OTel mapping's metadata.attributes", () => {
    const docs = parseRetrievedDocuments({ attributes: { "retrieval.documents.0.document.content": "x" }, scope: { name: "oi" } });
    expect(docs?.map((d) => [d.title, d.content])).toEqual([["Document 1", "x"]]);
  });

  it("reads nested OpenInference objects and `{document: …}` arrays", () => {
    const nested = { retrieval: { documents: [{ document: { id: "1", content: "alpha", score: 1 } }] } };
    expect(parseRetrievedDocuments(nested)).toEqual([{ title: "1", id: "1", score: 1, content: "alpha", metadata: null }]);
  });

  it("reads LangChain documents (pageContent + metadata, source as the title)", () => {
    const docs = parseRetrievedDocuments([
      { pageContent: "Returns within 30 days.", metadata: { source: "policies/returns.md", score: 0.8 } },
      { pageContent: "Gift cards never expire.", metadata: {} },
    ]);
    expect(docs).toEqual([
      {
        title: "policies/returns.md",
        id: null,
        score: 0.8,
        content: "Returns within 30 days.",
        metadata: { source: "policies/returns.md", score: 0.8 },
      },
      { title: "Document 2", id: null, score: null, content: "Gift cards never expire.", metadata: null },
    ]);
    expect(parseRetrievedDocuments({ documents: [{ page_content: "y" }] })?.[0]?.content).toBe("y");
  });

  it("answers null for what is not a document list (chats, numbers, empty, mixed)", () => {
    expect(parseRetrievedDocuments([{ role: "user", content: 3 }, 4])).toBeNull();
    expect(parseRetrievedDocuments([{ role: "user", content: "hi" }])).toBeNull();
    expect(parseRetrievedDocuments([1, 2, 3])).toBeNull();
    expect(parseRetrievedDocuments([])).toBeNull();
    expect(parseRetrievedDocuments("some text")).toBeNull();
    expect(parseRetrievedDocuments({ answer: "It ships tomorrow." })).toBeNull();
    expect(parseRetrievedDocuments([{ pageContent: "a" }, { nope: true }])).toBeNull();
  });
});
