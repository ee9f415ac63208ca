using System.Security.Cryptography;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The one-time password a clerk says at the door: two words, a describing word and a thing ("ZIELONY ROWER"), drawn at
/// random for each visit. Short, common words that are easy to say and to hear on a doorstep and to compare with what
/// the SMS said; without Polish letters, so an SMS whose letters the gateway plainened still shows them exactly as the
/// clerk says them. Every noun is masculine, so every describing word fits every noun.
/// </summary>
/// <remarks>
/// Over 14,000 pairs, so a guess at the door succeeds far less than once in ten thousand (the single words used before
/// gave one in a hundred). Within each list no two words differ by less than two sounds (kot/kos, wazon/wagon are out),
/// no describing word mocks a person and no thing is a common insult, and a pair never repeats one root
/// ("orzechowy orzech"). <c>DoorWordsTests</c> holds the lists to these rules.
/// </remarks>
public static class DoorWords
{
    /// <summary>The first word: a masculine describing word, lower case ASCII.</summary>
    public static IReadOnlyList<string> Adjectives { get; } =
    [
        "aksamitny", "burzowy", "cenny", "chrupki", "cichy", "ciekawy", "cudowny", "cukrowy", "cytrynowy",
        "czerwony", "czysty", "deszczowy", "dobry", "domowy", "drewniany", "dzielny", "elegancki", "figlarny",
        "fioletowy", "gliniany", "granatowy", "grudniowy", "grzeczny", "gwiezdny", "honorowy", "jagodowy",
        "jasny", "jedwabny", "jesienny", "kakaowy", "kamienny", "kolorowy", "koralowy", "korzenny", "kosmiczny",
        "kremowy", "kwadratowy", "kwiatowy", "kwietniowy", "lawendowy", "lazurowy", "letni", "lipcowy",
        "lniany", "lodowy", "lutowy", "majowy", "malinowy", "marcowy", "miedziany", "miodowy", "mocny",
        "morski", "muzyczny", "niebieski", "niedzielny", "nowy", "ogrodowy", "ogromny", "olbrzymi", "oliwkowy",
        "orzechowy", "owocowy", "papierowy", "pasiasty", "perlisty", "pogodny", "polarny", "poranny",
        "pracowity", "prawdziwy", "przyjazny", "punktualny", "pyszny", "radosny", "rodzinny", "rubinowy",
        "rumiany", "rzadki", "serdeczny", "sierpniowy", "skoczny", "skrzydlaty", "smaczny", "sobotni",
        "spokojny", "sportowy", "sprytny", "srebrny", "stalowy", "styczniowy", "szary", "szklany", "szkolny",
        "szybki", "tajemniczy", "taneczny", "tropikalny", "turkusowy", "uczynny", "uprzejmy", "uroczy",
        "wakacyjny", "waniliowy", "wieczorny", "wiejski", "wierny", "wiosenny", "wygodny", "wysoki", "wytworny",
        "zabawny", "zdrowy", "zgrabny", "zielony", "zimowy", "zwinny",
    ];

    /// <summary>The second word: a masculine noun for a thing, plant or animal, lower case ASCII.</summary>
    public static IReadOnlyList<string> Nouns { get; } =
    [
        "akordeon", "album", "ananas", "aparat", "atlas", "autobus", "balon", "bilet", "bocian", "borsuk",
        "budzik", "bukiet", "chleb", "chomik", "cukier", "czosnek", "delfin", "dworzec", "dyplom", "dywan",
        "dzwon", "festyn", "fikus", "flamaster", "fortepian", "garnek", "gepard", "globus", "groszek",
        "hiacynt", "imbir", "irys", "jacht", "jawor", "jesion", "jogurt", "kajak", "kaktus", "kalafior",
        "kalendarz", "kameleon", "kanarek", "kangur", "kapelusz", "karmnik", "kasztan", "kisiel", "klucz",
        "kokos", "koliber", "kombajn", "kominek", "kompas", "komputer", "koncert", "koperek", "koszyk", "krab",
        "kredens", "kubek", "kwiatek", "lampion", "latawiec", "listek", "lodowiec", "makowiec", "medal",
        "modrzew", "most", "motyl", "namiot", "notes", "obraz", "orzech", "parasol", "park", "parowiec",
        "pelikan", "piasek", "pingwin", "plac", "plecak", "pomidor", "ponton", "portfel", "precel", "puchar",
        "rekin", "rodzynek", "rogalik", "rondel", "rower", "rumianek", "samolot", "seler", "sernik",
        "skowronek", "skuter", "statek", "staw", "sterowiec", "stolik", "storczyk", "strumyk", "syrop",
        "szalik", "szczyt", "talerz", "tapczan", "teatr", "telefon", "traktor", "tramwaj", "tulipan", "tunel",
        "tygrys", "wianek", "widelec", "wilk", "wodospad", "wrzos", "wulkan", "zamek", "zegar", "zeszyt",
    ];

    /// <summary>How many different door words there are (pairs that share a root are left out).</summary>
    public static int Combinations { get; } = Adjectives.Sum(a => Nouns.Count(n => Fits(a, n)));

    /// <summary>A door word drawn at random ("zielony rower"): cryptographically, since the lists are public.</summary>
    public static string Next()
    {
        while (true)
        {
            var adjective = Adjectives[RandomNumberGenerator.GetInt32(Adjectives.Count)];
            var noun = Nouns[RandomNumberGenerator.GetInt32(Nouns.Count)];
            if (Fits(adjective, noun))
            {
                return adjective + " " + noun;
            }
        }
    }

    /// <summary>Whether the two words make a door word: not one root said twice ("kwiatowy kwiatek").</summary>
    public static bool Fits(string adjective, string noun)
    {
        ArgumentNullException.ThrowIfNull(adjective);
        ArgumentNullException.ThrowIfNull(noun);
        var common = 0;
        while (common < adjective.Length && common < noun.Length && adjective[common] == noun[common])
        {
            common++;
        }

        return common < 4;
    }
}
