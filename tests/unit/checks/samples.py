"""Sample articles written for these tests (our own words): one full of problems, one clean."""

from __future__ import annotations

from datetime import datetime

from editor_app.domain import Article, Block, BlockType, ImageSlot

P = BlockType.PARAGRAPH


def problem_article() -> Article:
    """One problem of every kind the checks know, each where a test can find it."""
    return Article(
        headline="Floating Library Opens in Brightwater",
        bylines=["Test Desk"],
        updated=datetime(2021, 10, 10),
        blocks=[
            Block(
                P,
                "On Monday, October 5, 2021, the council of Brightwater voted to recieve a grant of "
                "$2.5 million for the project - a move that will cost about 12 percent of the annual budget.",
            ),
            Block(
                P,
                "Talia Verhoeven, chair of the Brightwater harbour board, said the library would open for "
                "the first time ever on 10/10/2021. "
                '"We have waited a long time for this day," Verhoeven said.',
            ),
            Block(
                BlockType.IMAGE,
                image=ImageSlot(alt="floating library harbour boats", caption="", credit="Jane Roe/AP"),
            ),
            Block(
                P,
                "The 3-hour ceremony drew 5 ministers, and Verhoven thanked the volunteers who built "
                "the hull. Verhoeven also thanked the sailors.",
            ),
            Block(P, '"Nobody expected the boats to arrive so early in the season."'),
            Block(
                P,
                "The library will screen the documentary Tides of Brightwater next week. Officials said "
                "the boats had sailed from Portugul before the storm.",
            ),
            Block(
                P,
                "Construction workers finished the hull on October 20, 2021, and the crew trained for "
                "weeks to live in Space... It was, they said, the biggest library afloat.",
            ),
            Block(BlockType.BOILERPLATE, "Advertisement"),
            Block(BlockType.IMAGE, image=ImageSlot(alt="", caption="", credit="Jane Roe/AP")),
            Block(P, "Stay tuned for more updates. Subscribe to our newsletter for daily news."),
        ],
    )


def clean_article() -> Article:
    """Well-edited AP-style copy: names, numbers, dates and quotes all done right."""
    return Article(
        headline="City Council Approves Three New Bus Routes",
        bylines=["Test Desk"],
        updated=datetime(2021, 10, 6),
        blocks=[
            Block(
                P,
                "The Lakeside City Council voted 7-2 on Tuesday, Oct. 5, 2021, to add three bus routes "
                "serving the northern suburbs.",
            ),
            Block(
                P,
                "“The new routes will cut travel times for thousands of commuters,” said Mayor Dana "
                "Whitfield, who pushed for the plan during her campaign.",
            ),
            Block(
                P,
                "Whitfield said the city would spend $4.2 million on 12 new buses, paid for largely by a "
                "state transit grant.",
            ),
            Block(
                BlockType.IMAGE,
                image=ImageSlot(
                    alt="A blue city bus at a stop beside the lake",
                    caption="A bus waits at the Harbor Street stop in Lakeside on Monday.",
                    credit="Jane Roe/AP",
                ),
            ),
            Block(
                P,
                "Riders will be able to board the first buses next month, according to the transit "
                "agency. Fares will stay at $2 a ride.",
            ),
            Block(
                P,
                "The council also asked its staff to study a ferry link across the lake — an idea first "
                "raised two decades ago.",
            ),
            Block(
                P,
                "“We listened to the people who ride these buses every day,” Whitfield said. “They asked "
                "for shorter waits, and that is what they will get.”",
            ),
        ],
    )
