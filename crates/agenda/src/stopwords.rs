//! Stop words: our own lists of common function words (and a few words that carry no topic in a keyword,
//! such as "meer"/"more"), compared after lower-casing and diacritics folding.

/// Dutch stop words.
pub const DUTCH: &str = "
aan aangaande aangezien achter af afgelopen al aldaar aldus alhoewel alle allebei alleen allen alles als
alsnog altijd andere anders ben bent ben beter bij binnen boven buiten daar daardoor daarna daarom daarop
dan dat de deze der des die dit doch doen doet door dus echter een eens eerder eerst eigen elk elke en enig
enige enkel er erg even ge geen gehad geweest gij goed graag haar had hadden heb hebben hebt heeft hem hen
het hier hij hoe hoewel hun ik in is ja je jij jou jouw jullie kan kon konden kun kunnen kunt laat laten
maar me meer meest men met mij mijn minder misschien moet moeten mogen na naar naast net niet niets nog nooit
nu of ofschoon om omdat omtrent ondanks onder ons onze ook op over per reeds rond rondom sinds sommige
steeds tegen ten ter terwijl toch toe tot tussen u uit uw van veel vele verder via vooral voor vooraf
wat waar waarom wanneer want was waren we weer wel welk welke werd werden wie wij wil willen worden wordt
zal ze zei zelf zich zij zijn zo zoals zodat zonder zou zouden zullen zulke al iets iemand iedereen ieder
iedere alsof binnenkort bovendien dikwijls elders evenals gauw hierbij hierin hierna hiermee hoeveel
inmiddels intussen juist klaar lang liever meestal mogelijk nabij nergens niemand nochtans ofwel omhoog
omlaag ongeveer opnieuw overal precies samen slechts soms tamelijk toen totdat tijdens vaak vanaf vandaan
vanwege veeleer verre vervolgens vol volgens voordat vroeg waardoor waarin waarna wegens weinig wellicht
zeer zeker zelfs zeggen zegt zien ziet zo'n zoveel zowel zullen dag jaar keer manier nieuwe nieuw
goede hele heel groot grote klein kleine echt gewoon andere extra beetje ander alle eigenlijk waarbij
daarbij mee meer moet mag mogen hoort hoeft hoeven kom komen komt gaat gaan ging gingen maak maken maakt
hele helemaal tegenover namelijk zoveel wij wie wiens wier hare hunne onder o.a. enz bijv etc
";

/// English stop words.
pub const ENGLISH: &str = "
a about above after again against all almost also although always am among an and another any anybody
anyone anything are around as at be because been before being below between both but by can cannot could
did do does doing done down during each either else enough even ever every everyone everything few for
from further get gets getting give given go goes going gone got had has have having he her here hers
herself him himself his how however i if in into is it its itself just keep least less let like
lot lots made make makes making many may me might mine more most much must my myself need needs neither
never new no nobody none nor not nothing now of off often on once one only onto or other others otherwise
our ours ourselves out over own per perhaps please put quite rather really same see seem seems several shall
she should since so some somebody someone something sometimes still such than that the their theirs them
themselves then there therefore these they thing things this those though through thus to together too
toward towards under until up upon us use used very via want wants was we well were what whatever when
where whether which while who whom whose why will with within without would yet you your yours yourself
yourselves better good great big small little lot able across already anyway back become becomes can't
cant didnt don't dont doesnt isnt won't wont let's lets i'm im ive you're youre we're were we've weve
they're theyre etc e.g eg i.e ie way ways day days year years time times new first last next each
whole enough extra real really actually basically simply
";

#[cfg(test)]
mod tests {
    #[test]
    fn lists_have_a_few_hundred_words() {
        for list in [super::DUTCH, super::ENGLISH] {
            let n = list.split_whitespace().count();
            assert!((200..500).contains(&n), "{n}");
        }
    }
}
