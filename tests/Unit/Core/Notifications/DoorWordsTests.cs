using System.Text;

namespace MobilnyUrzednik.Core.Notifications;

/// <summary>
/// The door word (issue 12, point 1): at least 10,000 different ones, so a guess at the door does not succeed once in a
/// hundred, made of short, common words that cannot be mistaken for each other by ear or by eye, and nothing rude.
/// </summary>
public sealed class DoorWordsTests
{
    [Fact]
    public void Next_ThreeThousandDraws_AreAlmostAllDifferent()
    {
        // From 100 words at most 100 differ; from 14,000 pairs about 2,700 of 3,000 draws do.
        var drawn = Enumerable.Range(0, 3000).Select(_ => DoorWords.Next()).ToList();

        Assert.True(drawn.Distinct(StringComparer.Ordinal).Count() >= 2500, $"only {drawn.Distinct(StringComparer.Ordinal).Count()} different door words in 3,000 draws");
    }

    [Fact]
    public void Combinations_AtLeastTenThousand_CountedAsNextDrawsThem()
    {
        Assert.True(DoorWords.Combinations >= 10_000, $"{DoorWords.Combinations} door words");
        Assert.Equal(DoorWords.Adjectives.Sum(a => DoorWords.Nouns.Count(n => DoorWords.Fits(a, n))), DoorWords.Combinations);
    }

    [Fact]
    public void Next_IsADescribingWordAndAThing_FromTheLists_NeverOneRootTwice()
    {
        for (var i = 0; i < 2000; i++)
        {
            var parts = DoorWords.Next().Split(' ');

            Assert.Equal(2, parts.Length);
            Assert.Contains(parts[0], DoorWords.Adjectives);
            Assert.Contains(parts[1], DoorWords.Nouns);
            Assert.True(DoorWords.Fits(parts[0], parts[1]));
        }

        Assert.False(DoorWords.Fits("orzechowy", "orzech"));
        Assert.False(DoorWords.Fits("kwiatowy", "kwiatek"));
        Assert.True(DoorWords.Fits("zielony", "rower"));
    }

    [Fact]
    public void Words_AreShortPlainLowerCaseLettersWithoutPolishOnes_AndNoneTwice()
    {
        // Without ą, ę, ł, ż…: an SMS the gateway plainened shows the word exactly as the clerk says it.
        foreach (var word in DoorWords.Adjectives.Concat(DoorWords.Nouns))
        {
            Assert.True(word.Length is >= 4 and <= 10 && word.All(char.IsAsciiLetterLower), $"'{word}' is not 4 to 10 plain lower-case letters");
        }

        Assert.Equal(DoorWords.Adjectives.Count, DoorWords.Adjectives.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(DoorWords.Nouns.Count, DoorWords.Nouns.Distinct(StringComparer.Ordinal).Count());

        // The longest pair still fits the visit's door-word column (40 characters).
        Assert.True(DoorWords.Adjectives.Max(a => a.Length) + 1 + DoorWords.Nouns.Max(n => n.Length) <= 40);
    }

    [Fact]
    public void Words_InEachList_DifferByAtLeastTwoSounds()
    {
        // Heard at a door: "kot"/"kos", "wazon"/"wagon", "klucz"/"mlecz" would be one word. Compared as said (rz and ż,
        // ch and h one sound, a voiced last consonant said voiceless), and short words must differ more.
        foreach (var list in new[] { DoorWords.Adjectives, DoorWords.Nouns })
        {
            var sounds = list.Select(w => (Word: w, Sound: Sound(w))).ToList();
            for (var i = 0; i < sounds.Count; i++)
            {
                for (var j = i + 1; j < sounds.Count; j++)
                {
                    var (a, b) = (sounds[i], sounds[j]);
                    var needed = Math.Min(a.Sound.Length, b.Sound.Length) <= 5 ? 3 : 2;
                    Assert.True(Distance(a.Sound, b.Sound) >= needed, $"'{a.Word}' and '{b.Word}' sound too alike");
                }
            }
        }
    }

    [Theory]
    [InlineData("gruby")]
    [InlineData("stary")]
    [InlineData("glupi")]
    [InlineData("brzydki")]
    [InlineData("chory")]
    [InlineData("krzywy")]
    [InlineData("czarny")]
    [InlineData("puszysty")]
    [InlineData("dziki")]
    [InlineData("tlusty")]
    public void Adjectives_NeverOneThatMocksAPerson(string word) => Assert.DoesNotContain(word, DoorWords.Adjectives);

    [Theory]
    [InlineData("osiol")]
    [InlineData("baran")]
    [InlineData("dzban")]
    [InlineData("dzbanek")]
    [InlineData("burak")]
    [InlineData("leszcz")]
    [InlineData("wieloryb")]
    [InlineData("prosiak")]
    [InlineData("szczur")]
    [InlineData("indyk")]
    [InlineData("narcyz")]
    [InlineData("czajnik")]
    [InlineData("banan")]
    [InlineData("melon")]
    public void Nouns_NeverACommonInsult(string word) => Assert.DoesNotContain(word, DoorWords.Nouns);

    private static string Sound(string word)
    {
        var s = new StringBuilder(word)
            .Replace("ch", "h").Replace("rz", "Z").Replace("sz", "S").Replace("cz", "C").Replace("dz", "D")
            .ToString();
        return s[^1] switch
        {
            'b' => s[..^1] + "p",
            'd' => s[..^1] + "t",
            'g' => s[..^1] + "k",
            'w' => s[..^1] + "f",
            'z' => s[..^1] + "s",
            'Z' => s[..^1] + "S",
            'D' => s[..^1] + "C",
            _ => s,
        };
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var kept = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = kept;
            }
        }

        return row[b.Length];
    }
}
