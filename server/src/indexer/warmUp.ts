/**
 * The extraction's warm-up, run by an indexer worker between its start and its first job (see
 * worker.ts). A worker's code starts cold: V8 optimizes each function of the extraction once it
 * is hot, with what it has seen so far, and throws the optimized code away (a "deopt") the first
 * time a branch it has not seen runs, or an object or string of another shape comes by; then
 * optimizes it again. On the SOTU corpus a cold worker compiled the extraction's functions ~170
 * times (the largest 5-8 times each, ~1 s of the compiler's time on V8's helper threads, which
 * share the two cores with the worker and the main thread). These sources show the extraction most
 * of what it meets before it is optimized: Markdown and plain text, one-byte and two-byte strings
 * (curly quotes, dashes), figures of every kind and shape (ranges, qualifiers, number words,
 * dates, currencies, units), names of every kind (organizations, people with titles, places,
 * acronyms, headlines in capitals), lists, quotes and headings.
 */
import { buildRecord, packRecord } from '../service';

/** A news report in Markdown, with front matter and two-byte characters. */
const NEWS = `---
title: “Acme Industries to build $4.5 billion plant in Ohio”
date: 2024-05-01
author: Jane Q. Doe
---
# Acme Industries to build a $4.5 billion plant in Ohio

COLUMBUS, Ohio – May 1, 2024 – Acme Industries Inc. (NYSE: ACME), the world’s largest maker of anvils, said on Wednesday it would spend $4.5 billion on a plant near Columbus, creating about 3,000 jobs by 2027. “This is the largest investment in our history,” Chief Executive Officer Maria González told reporters.

The company, also known as Acme Corp., expects revenue of between $12 million and $15 million in the first quarter, up 12% from a year earlier; analysts had forecast 10–14 percent growth. Its shares rose 3.2% to $87.50 in early trading, giving it a market value of roughly $1.4 trillion, or $1,400 billion.

## What the plant will make

- Anvils: 2.5 million units a year, nearly half of them for export.
- Rockets: two dozen a month, at a cost of €50 million (£43m) each.
- Magnets: 120 tonnes, shipped 1,200 km by rail.

> “We looked at sites in Texas, Arizona and Ontario,” said Dr. Wile E. Coyote, the head of research. “Ohio won.”

Governor Mike DeWine said the state would offer $300 million in tax credits over 10 years. The U.S. Department of Commerce and NASA declined to comment. In 2023 the company earned $2.1bn on sales of $19.8bn; in the third quarter of this year it expects a margin of 8–9%.

1. Construction starts in June 2024.
2. The first line opens in Q3 2025, the second in the second half of 2026.
3. Full output is planned for the 2030s.

ACME SHARES JUMP AFTER PLANT NEWS

Hon Hai Precision Industry Co., Ltd., better known as Foxconn, and Taiwan Semiconductor Manufacturing Co. (TSMC) are among its suppliers. Mr. Coyote, 54, joined Acme from General Electric in 2019. Ms. González said a decision on a European site in São Paulo—sorry, in Lisbon—would come “in the next few months.”
`;

/** A speech of the nineteenth century, one-byte text only, long sentences and old figures. */
const SPEECH = `Fellow-Citizens of the Senate and House of Representatives:

The revenue of the Government from all sources for the fiscal year ended June 30, 1883, was $398,287,581.95, and the expenditures were $265,408,137.54, leaving a surplus of $132,879,444.41. The public debt was reduced during the year by more than one hundred and thirty-seven millions of dollars.

It is estimated that the receipts for the fiscal year ending June 30, 1885, will be $340,000,000, and the expenditures $290,000,000. The Secretary of the Treasury reports that 4,500,000 silver dollars were coined in the last month, and that the coinage of the year exceeded twenty-eight millions.

Our relations with Great Britain, France, Germany, Spain and the Empire of Japan continue friendly. The treaty with the Republic of Mexico, signed at the City of Washington on the 20th of January, 1883, awaits the action of the Senate. Mr. Blaine, the late Secretary of State, and General Sherman have rendered services of great value.

The Army consists of 2,143 officers and 23,335 enlisted men; the Navy of some thirty vessels, of which not more than half a dozen are fit for sea. I recommend an appropriation of $1,500,000 for the construction of four steel cruisers, and that the pay of the seamen be increased by ten per cent.

There were 1,045 miles of railroad built in the Territories of Dakota and Montana, and the Indian population is reckoned at 260,000, of whom one-third are self-supporting. Some 600,000 acres of the public lands were entered under the homestead laws, a third more than in 1882.

The Commissioner of Agriculture estimates the wheat crop at 420 million bushels and the corn crop at 1,551,066,895 bushels, an increase of 12 per centum over the previous year; cotton reached 6.9 million bales, worth about $300 per bale in the markets of Liverpool and New York.

CHESTER A. ARTHUR.
Washington, December 4, 1883.
`;

/** A plain-text report: numbered sections, a table-like list, acronyms, more figure shapes. */
const REPORT = `Quarterly report: Northwind Traders (NWT)

Period: Q1 2024 (January 1 to March 31, 2024)

1) Summary. Net sales were US$ 2.35 billion, compared with 2.1 billion dollars in the same quarter last year; operating income was 410 million dollars (17.4 percent of sales). Headcount: 12,400 at quarter end, of whom 40% work outside the United States. The board approved a dividend of 45 cents a share and a buyback of up to $500 million through December 2025.

2) Outlook. For fiscal 2024 Northwind expects sales of $9.5bn to $10bn, capital spending of around 600 million and a tax rate of 21-23%. Fewer than one in five stores will close; about 150 will be refurbished, roughly a third of them in Germany and the Netherlands. Prices rose 3 percentage points, and volumes fell by a tenth.

3) People. Chairman Robert K. Lee retires on June 30; Vice President Anna Schmidt succeeds him. Prof. Alan Turing-Smith of the University of Manchester and Sen. Elizabeth Warren spoke at the annual meeting in Seattle, Washington, on April 12. The European Commission, the IMF and the World Bank (WB) were represented.

4) Markets. Oil traded at $82 a barrel; the 10-year Treasury yield was 4.2%. The company sold 1.2 million tons of coffee, 300,000 tonnes of tea and 75 MW of solar capacity. Its warehouse in Rotterdam holds 2 million square feet; trucks drove 48 million miles (77 million km).

5) Risks. A 25-basis-point rise in rates would cut earnings by about $12m. The euro fell 5% against the dollar; the yen, 9%. Inflation ran at 3.1% in March, down from 9.1% in June 2022, the highest in four decades.

NOTE: All figures are unaudited. Totals may not add up because of rounding. See www.example.com/ir for details; e-mail ir@example.com.
`;

/** Lists of names, possessives and ranges in the forms the name scanner and the figure reader treat apart. */
const BRIEFS = `Briefs

Chicago-based Contoso Ltd. and Paris-based Fabrikam SA, like Apple, Google and Microsoft before them, are hiring. Countries including France, Spain and Italy, as well as Canada’s provinces, joined; companies such as IBM, Intel and AMD did not. Canada's share was −5% in 2019-2020, and the budget for 2021–2022 is $5-$10 million, or 5 to 10 million euros (5MM to 10MM).

Acme’s CEO, John O’Neil, and the U.N. Secretary-General met the CFO of U.S. Steel in New Delhi. The U.S. and the E.U. agreed; so did the OECD’s chief economist, Dr. Li Wei, and Sir Ian McKellen. “It’s done,” said Gov. Kathy Hochul (D-N.Y.). Senators Smith and Jones, both Republicans, voted no.

About 1 in 5 adults, or 20 million people, and more than two-thirds of the 1,000 firms surveyed said prices would rise 3 1/2 percent; 7.5% of them (75 firms) expected a fall of 0.25 percentage point. The index rose 1.2 points to 104.7. Analysts expect roughly 10 to 12 percent growth, and more than 300 to 400 new stores. A 3-year-old program costs 12 cents per gallon, $3/gallon in 2024 and ¥100 a liter in Japan.

WORLD BRIEFS: TOKYO, LONDON AND BERLIN

In the 1990s the firm had 40 employees; by the late 2010s, 4,000. It was founded on 3 March 1921 and listed on Nasdaq on Sept. 12, 1985. Its rivals are Initech, Globex and Soylent Corp.; its partners, the Ford Foundation and the Bill & Melinda Gates Foundation.
`;

/**
 * The context cues and figure shapes the texts above lack, first, so that the scanner's and the
 * figure reader's rarer branches have run before V8 optimizes them: each branch an optimized
 * function had never seen threw its code away when a real source reached it ("insufficient type
 * feedback" in `--trace-deopt`), and a helper thread compiled it again (addContextVotes, the
 * largest, five times in a cold SOTU index). It ends in a figure, as a file may.
 */
const CUES = `# Cues: names in their context, figures in rarer shapes

The chipmaker Nvidia and the startup Anthropic signed a partnership with Contoso. Rival Globex, the software maker Initech and the giant Umbrella met in the city of Boston, in the state Ohio and in the nation Estonia. Its name is Vandelay; his name is Kramer. Japan's SoftBank and America's Walmart bought Taiwan-listed Foxconn and Ohio-born Acme. Nvidia's AI business grew; Intel's shares fell. OpenAI CEO Sam Altman met the Trump administration. Sam Altman, CEO of OpenAI, and Lina Khan, who chairs it, visited Intrinsic, a robotics company under Alphabet, and Portland, a city in Maine.

Leaders like Lincoln and Washington, countries like Norway and Chile, and markets such as Brazil and India were named. The Securities and Exchange Commission (SEC) and the Federal Trade Commission (FTC) sued. John Smith met Mary Smith, and Smith left; Paul Jones of Acme and Sarah Connor of the Resistance joined. John F. Kennedy, Franklin D. Roosevelt, Acme USA and Globex UK. The Joneses’ house and the Williams' farm. Robotics firms grew, and so did the Robotics Division; Artificial Intelligence, artificial intelligence.

The F-35 and the Boeing 737-800 need parts of 5 mm and 10 MM; 15 thousand workers moved 2.5 thousand barrels for 12 hundred dollars. Sales rose from 1995 to 2005, between 1990 and 2000 dollars (2019). It weighs 7 pounds, 3 lb, 4 ounces or 9 oz and costs £5. Three dozen eggs, a dozen rolls, half a million people, 1.5 million homes, COVID-19 and 3-D. It rose to 2,000`;

/** The warm-up sources, a one-byte text among them (string shapes differ, so do the optimized code's checks). */
export const WARM_UP_SOURCES: readonly string[] = [CUES, NEWS, SPEECH, REPORT, BRIEFS];

/**
 * Extracts one warm-up source (round `round`, source `round % count`) as a job would, without the
 * cache; the records go nowhere. The worker calls it round after round, one per turn of its event
 * loop, until its first job comes.
 */
export function warmUpExtraction(round: number): void {
	const text = WARM_UP_SOURCES[round % WARM_UP_SOURCES.length]!;
	packRecord(buildRecord(`file:///warm-up/source-${round}.md`, text), text);
}
