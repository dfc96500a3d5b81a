/** Entry point: creates the connection (`--stdio`, `--node-ipc` or `--socket`) and starts serving. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (process.argv.includes('--version')) {
	process.stdout.write('grounded-notes-ls 0.1.0\n');
	process.exit(0);
}
if (process.argv.includes('--help')) {
	process.stdout.write('Usage: grounded-notes-ls --stdio | --node-ipc | --socket=PORT\nThe Grounded Notes language server: checks the figures and citations of Markdown notes against source documents.\n');
	process.exit(0);
}
startServer(createConnection(ProposedFeatures.all));
