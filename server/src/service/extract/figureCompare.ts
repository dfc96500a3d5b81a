/**
 * Whether two figures could state the same claim, and whether they state the same value. A value
 * is known only as precisely as it was written: "$1.8 billion" is anything that rounds to 1.8
 * billion, so it equals 1,800,000,000 and 1,834,000,000 but not 1.9 billion.
 */
import type { Figure } from '../types';
import { lastDigitPlace, readNumberWords } from './numbers';

const MANTISSA = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/;
const WORD_START = /\b[A-Za-z]/g;

/**
 * The place of the last digit the figure was written with, in its normalized unit: 1e8 for
 * "$1.8 billion", 1 for "1,800,000,000", 1e9 for "Thirty gigawatts". Read again from the text
 * because figures travel as plain data (to caches, over the protocol).
 */
export function precisionOf(f: Figure): number {
	let mantissa: number | undefined;
	let decimals = 0;
	const m = MANTISSA.exec(f.text);
	if (m) {
		mantissa = Number(m[1]!.replace(/,/g, '') + (m[2] ? `.${m[2]}` : ''));
		decimals = m[2]?.length ?? 0;
	} else {
		WORD_START.lastIndex = 0;
		for (let w = WORD_START.exec(f.text); w; w = WORD_START.exec(f.text)) {
			const n = readNumberWords(f.text, w.index);
			if (n) {
				mantissa = n.value;
				break;
			}
		}
	}
	if (!mantissa || !f.value) return lastDigitPlace(f.value);
	const scale = Math.abs(f.value / mantissa);
	// half a billion is known to the half
	return scale * (mantissa < 1 && !m ? mantissa : 10 ** -decimals);
}

/** Whether two figures measure the same kind of thing in compatible units, so could state the same claim. */
export function comparable(a: Figure, b: Figure): boolean {
	if (a.kind !== b.kind) return false;
	if (a.kind === 'date') return true;
	// a count that names no noun ("20 million") may count what the other names
	if (a.kind === 'count') return a.unit === b.unit || a.unit === '' || b.unit === '';
	return a.unit === b.unit;
}

/**
 * Whether two comparable figures state the same value: equal within the rounding of the less
 * precise one (but never more than 5% apart, except percentages); ranges match what they overlap;
 * dates match when their periods overlap. Qualifiers ("more than") are not weighed here: the
 * caller knows whether a hedge makes a claim true.
 */
export function sameValue(a: Figure, b: Figure): boolean {
	if (!comparable(a, b)) return false;
	const aHigh = a.high ?? a.value;
	const bHigh = b.high ?? b.value;
	if (a.kind === 'date') return a.value <= bHigh && b.value <= aHigh;
	const pa = precisionOf(a);
	const pb = precisionOf(b);
	const loose = pa >= pb ? a : b;
	let tol = Math.max(pa, pb) / 2;
	// a one-digit amount is not a licence for 40%: "$1 trillion" is not "$1.4 trillion", whatever
	// rounding to the trillion says; percentages are exempt, as writers do round 5.4% to 5%
	if (a.kind !== 'percent') tol = Math.min(tol, 0.05 * Math.abs(loose.value));
	// floating point: 1.8 * 1e9 is not always 1800000000
	const eps = 1e-9 * Math.max(Math.abs(a.value), Math.abs(b.value), Math.abs(aHigh), Math.abs(bHigh));
	return a.value - tol - eps <= bHigh && b.value - tol - eps <= aHigh;
}
