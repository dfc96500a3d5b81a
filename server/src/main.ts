/** Entry point: creates the connection (`--stdio`, `--node-ipc` or `--socket`) and starts serving. */
import { createConnection, LSPErrorCodes, type Message, ProposedFeatures, ResponseError, type ResponseMessage } from 'vscode-languageserver/node';
import { lowerInliningForStartup, restoreInlining } from './jit';
import { yieldOtherThreads } from './priority';
import { startServer } from './server';

if (process.argv.includes('--version')) {
	process.stdout.write('grounded-notes-ls 0.1.0\n');
	process.exit(0);
}
if (process.argv.includes('--help')) {
	process.stdout.write('Usage: grounded-notes-ls --stdio | --node-ipc | --socket=PORT\nThe Grounded Notes language server: checks the figures and citations of Markdown notes against source documents.\n');
	process.exit(0);
}
/**
 * `$/cancelRequest` for a request still waiting its turn (the server busy merging a source or
 * checking a long note, say) answers it at once with RequestCancelled, as LSP asks, instead of
 * computing an answer the editor no longer wants; a request already running is told through its
 * cancellation token (Check All, finding references and writing the bibliography look at it).
 */
const cancelUndispatched = (message: Message): ResponseMessage => ({
	jsonrpc: '2.0',
	id: (message as { id?: number | string | null }).id ?? null,
	error: new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled before it was handled.').toJson(),
});
// V8's helper threads exist from the start: requests come before their work (see priority.ts)
yieldOtherThreads();
// cheaper compilations while the first index keeps both processors busy (see jit.ts); V8's own
// budget again before the loader writes the code cache at exit (a cache made under other flags
// is refused by the next start): this handler runs first, being registered while the loader
// (load.ts) is still running this bundle, before it registers its own
lowerInliningForStartup();
process.once('exit', () => restoreInlining());
startServer(createConnection(ProposedFeatures.all, { connectionStrategy: { cancelUndispatched } }));
