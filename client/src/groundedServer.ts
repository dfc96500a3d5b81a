import type { CancellationToken } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
	ToServer,
	type BibliographyWritten,
	type CheckSummary,
	type Disagreement,
	type IndexStatus,
	type PassageHit,
	type ProvenanceItem,
	type SourceDetails,
	type SourceSummary,
	type WireRange,
} from './protocol';

/** Thrown when a request is made while the server is stopped (after repeated crashes, say). */
export class ServerNotRunningError extends Error {
	constructor() {
		super('The Grounded Notes language server is not running.');
	}
}

/** The server's custom requests, typed, for the commands and views. */
export class GroundedServer {
	constructor(readonly client: LanguageClient) {}

	/** Sources the server has indexed. */
	sources(token?: CancellationToken): Promise<SourceSummary[]> {
		return this.request(ToServer.sources, undefined, token);
	}

	/** The figures and entities of one source. */
	sourceDetails(key: string, token?: CancellationToken): Promise<SourceDetails> {
		return this.request(ToServer.sourceDetails, { key }, token);
	}

	/** Passages that match a free-text query, best first. */
	searchPassages(query: string, limit: number, token?: CancellationToken): Promise<PassageHit[]> {
		return this.request(ToServer.searchPassages, { query, limit }, token);
	}

	/** Where the figures in a range of a note are stated, or contradicted, in the sources. */
	provenance(uri: string, range: WireRange, token?: CancellationToken): Promise<ProvenanceItem[]> {
		return this.request(ToServer.provenance, { uri, range }, token);
	}

	/** Claims on which the sources state different values. */
	disagreements(token?: CancellationToken): Promise<Disagreement[]> {
		return this.request(ToServer.disagreements, undefined, token);
	}

	/** Checks every note of the workspace. */
	checkAll(token?: CancellationToken): Promise<CheckSummary> {
		return this.request(ToServer.checkAll, undefined, token);
	}

	/** Re-reads every source. */
	reindex(token?: CancellationToken): Promise<IndexStatus> {
		return this.request(ToServer.reindex, undefined, token);
	}

	/** Writes the CSL-JSON bibliography of the cited (or all) sources into each workspace folder. */
	writeBibliography(scope: 'cited' | 'all', token?: CancellationToken): Promise<BibliographyWritten> {
		return this.request(ToServer.writeBibliography, { scope }, token);
	}

	/** The indexing state now. */
	status(token?: CancellationToken): Promise<IndexStatus> {
		return this.request(ToServer.status, undefined, token);
	}

	private async request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
		const state = this.client.state;
		if (state === State.Stopped) throw new ServerNotRunningError();
		// Requests made while the client starts wait for it; the language client queues them.
		return params === undefined
			? this.client.sendRequest<R>(method, token)
			: this.client.sendRequest<R>(method, params, token);
	}
}
