// Soak test of crash-safe sending (not in CI): kills `koe serve` (SIGKILL) mid-campaign many times
// (e2e/crash-scenario.ts; several kills per campaign, each followed by a restart) and prints what the kills
// did. The design (docs/EMAIL.md) promises at most once: nobody mailed twice, and a message lost only from
// the one window between its ledger record and its end of data, which recovery records as "unknown fate".
// This counts how often a kill meets that window.
//   npx tsx bench/crash-soak.ts [kills=200] [killsPerCampaign=10] [messagesBetweenKills=100]
import { startTestSmtp } from "../packages/server/test/smtp.ts";
import { runCrashScenario } from "../e2e/crash-scenario.ts";

const [kills = 200, perCampaign = 10, between = 100] = process.argv.slice(2).map(Number);
const smtp = await startTestSmtp();
const tally = { kills: 0, unknown: 0, lost: 0, campaignsWithLoss: 0, twice: 0, unexplained: 0 };
const unknownPerCampaign: number[] = [];
const started = Date.now();
try {
  for (let i = 0; tally.kills < kills; i++) {
    const n = Math.min(perCampaign, kills - tally.kills);
    smtp.messages.length = 0;
    const out = await runCrashScenario({
      smtp,
      recipients: (n + 1) * between,
      killAfter: Array.from({ length: n }, (_, k) => (k + 1) * between),
      prefix: `soak${i}`,
    });
    const twice = [...out.counts.values()].filter((c) => c > 1).length;
    const unexplained = out.missing.filter((e) => !out.unknownFate.has(e)).length;
    tally.kills += n;
    tally.unknown += out.unknownFate.size;
    tally.lost += out.missing.length;
    tally.campaignsWithLoss += out.missing.length > 0 ? 1 : 0;
    tally.twice += twice;
    tally.unexplained += unexplained;
    unknownPerCampaign.push(out.unknownFate.size);
    console.log(
      `campaign ${i + 1}: ${n} kills, ${out.recipients} recipients (${out.rate.toFixed(0)} messages/s), ` +
        `${out.unknownFate.size} of unknown fate, ${out.missing.length} missing, ${twice} twice, ${unexplained} unexplained`,
    );
  }
} finally {
  await smtp.close();
}
console.log(
  `\n${tally.kills} kills in ${unknownPerCampaign.length} campaigns, ${((Date.now() - started) / 60_000).toFixed(1)} min:\n` +
    `  messages of unknown fate (taken as sent): ${tally.unknown}, per campaign ${JSON.stringify(unknownPerCampaign)}\n` +
    `  messages lost: ${tally.lost} (${(tally.lost / tally.kills).toFixed(3)} per kill), in ${tally.campaignsWithLoss} campaigns\n` +
    `  recipients mailed twice: ${tally.twice}; missing without an unknown-fate record: ${tally.unexplained}`,
);
process.exitCode = tally.twice + tally.unexplained > 0 ? 1 : 0;
