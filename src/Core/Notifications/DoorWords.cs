using System.Security.Cryptography;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The one-time words a clerk says at the door. Plain, concrete, easy to say and to hear on a doorstep, and without
/// Polish letters, so an SMS whose letters the gateway plainened still shows the word exactly as the clerk says it.
/// </summary>
public static class DoorWords
{
    /// <summary>The list words are drawn from; every one is lower case ASCII letters.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "agrest", "akacja", "bazylia", "bocian", "borsuk", "cebula", "cynamon", "cytryna", "daktyl", "delfin",
        "dynia", "dzwonek", "figa", "foka", "gruszka", "imbir", "jagoda", "kaczka", "kalina", "kangur",
        "kapusta", "karmnik", "kasztan", "kiwi", "klon", "kokos", "koliber", "kominek", "kompas", "koszyk",
        "kotwica", "kredka", "lama", "lampion", "latarnia", "latawiec", "lawenda", "limonka", "lipa", "lusterko",
        "magnolia", "malina", "mandarynka", "marchewka", "melon", "modrzew", "morela", "narcyz", "obraz", "oliwka",
        "orzech", "papuga", "parapet", "parasol", "pelikan", "pietruszka", "pingwin", "piernik", "pomidor", "poziomka",
        "rodzynek", "rogalik", "rower", "rumianek", "rzodkiewka", "sanki", "sarenka", "seler", "sikorka", "skowronek",
        "sosna", "sowa", "szafir", "szalik", "szpinak", "topola", "tramwaj", "truskawka", "tulipan", "tygrys",
        "walizka", "wanilia", "wazon", "widelec", "wierzba", "winogrono", "zebra", "zegar", "zeszyt", "kalafior",
        "pomarancza", "fasola", "groszek", "kukurydza", "ananas", "banan", "arbuz", "czekolada", "kameleon", "parowiec",
    ];

    /// <summary>A word drawn at random (cryptographically: the list is public, the draw must not be guessable).</summary>
    public static string Next() => All[RandomNumberGenerator.GetInt32(All.Count)];
}
