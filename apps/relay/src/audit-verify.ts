// The standalone entry `audit-verify.js FILE …`, kept for scripts written before
// `fernhilfe-relay audit verify FILE …`, which it runs.
import { AUDIT_USAGE, auditCommandFailure, runAuditCommand } from './audit-command';

runAuditCommand(['verify', ...process.argv.slice(2)]).then(
  (code) => process.exit(code),
  (error: Error) => {
    const failure = auditCommandFailure(error);
    console.error(`${failure.line}\n\n${AUDIT_USAGE}`);
    process.exit(failure.exitCode);
  },
);
