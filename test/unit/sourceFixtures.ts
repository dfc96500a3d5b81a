/**
 * Source documents the tests make themselves (nothing downloaded): a news page with navigation,
 * sidebar and footer, and a minimal valid PDF written by hand.
 */


/** The bytes of a PDF whose page i shows `pages[i]`, one string per line, in Helvetica, with an Info dictionary. */
export function makePdf(pages: string[][], info: { title?: string; author?: string } = {}): Uint8Array {
	const esc = (s: string) => s.replace(/[\\()]/g, '\\$&');
	const objects: string[] = [];
	// 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content stream per page
	const pageObj = (i: number) => 5 + 2 * i;
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	const infoFields = [info.title ? `/Title (${esc(info.title)})` : '', info.author ? `/Author (${esc(info.author)})` : '', '/CreationDate (D:20251121090000Z)'];
	objects[4] = `<< ${infoFields.filter(Boolean).join(' ')} >>`;
	pages.forEach((lines, i) => {
		const stream = ['BT', '/F1 12 Tf', '16 TL', '72 720 Td', ...lines.map((l) => `(${esc(l)}) Tj T*`), 'ET'].join('\n');
		objects[pageObj(i)] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObj(i) + 1} 0 R >>`;
		objects[pageObj(i) + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
	});
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (let i = 1; i < objects.length; i++) {
		offsets[i] = Buffer.byteLength(out, 'latin1');
		out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
	}
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let i = 1; i < objects.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** A news page as sites serve it: navigation, a header, the article, a sidebar and a footer. */
export const PAGE = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Grid plans | Example News</title>
<meta property="og:title" content="Utility plans 30 GW of new capacity">
<meta property="article:published_time" content="2025-11-21T08:00:00Z">
<link rel="canonical" href="https://news.example/grid-30gw">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/markets">Markets: 999 stocks to watch</a></li></ul></nav>
<header class="masthead"><a href="/">Example News</a></header>
<main><article>
<h1>Utility plans 30 GW of new capacity</h1>
<p>The utility said on Friday it would build 30 gigawatts of new generating capacity by 2030, at a cost of about $12 billion, the largest such plan in the region's history.</p>
<p>Analysts said the plan would raise household bills by 4%, though the company disputed that figure and said bills would rise more slowly than that.</p>
<p>Construction of the first plant is to start in 2026, with the rest following over four years, according to the filing.</p>
</article></main>
<aside><h2>Most read</h2><p>Fund raises $777 million for orbital hotels.</p></aside>
<footer><p>© 2025 Example News. Subscribe for 555 dollars a year.</p></footer>
</body></html>`;
