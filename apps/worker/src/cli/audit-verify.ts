// `npm run audit:verify`: re-hashes the audit chain from its oldest kept row and names the first broken
// link. Exit 0 when the chain holds, 1 when it is broken (usable from cron or CI).
import { disconnectPrisma } from "@loupe/db";
import { verifyAuditChain } from "@loupe/server";

const result = await verifyAuditChain();
await disconnectPrisma();
const anchor = result.anchor
  ? `from row ${result.anchor.rowId} (${result.anchor.createdAt}${result.anchor.genesis ? ", the first ever" : ", older rows removed by retention"})`
  : "(the log is empty)";
if (result.ok) {
  console.log(`audit chain OK: ${result.rowsChecked} rows verified ${anchor}`);
} else {
  const b = result.broken;
  console.error(`audit chain BROKEN at row ${b?.rowId} (${b?.createdAt}): ${b?.kind}: ${b?.message}`);
  console.error(`${result.rowsChecked} rows before it verified ${anchor}`);
  process.exitCode = 1;
}
