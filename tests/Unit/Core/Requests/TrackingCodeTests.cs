namespace MobilnyUrzednik.Core.Requests;

public class TrackingCodeTests
{
    // Payloads chosen to use many different characters; the check character is found by asking
    // Parse (see ValidCode), so these tests hold for any check scheme that does its job.
    public static TheoryData<string> Payloads() => new() { "K7P4QX9", "HWYAC7D", "DEFGHJK", "3333333", "YXWTRQP" };

    [Fact]
    public void NewCode_Always_EightCharactersFromTheAlphabetThatParseBack()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = TrackingCode.NewCode();

            Assert.Equal(8, code.Length);
            Assert.All(code, c => Assert.Contains(c, "34679ACDEFGHJKMNPQRTWXY"));
            var parsed = TrackingCode.Parse(code);
            Assert.Equal(TrackingCodeProblem.None, parsed.Problem);
            Assert.Equal(code, parsed.Code);
        }
    }

    [Fact]
    public void NewCode_TenThousandCodes_NoRepeatsBeyondChanceAndNotSequential()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => TrackingCode.NewCode()).ToList();

        // 23^7 ≈ 3.4 billion codes: by the birthday bound, 10,000 truly random ones repeat one code in
        // about 1.5% of runs (the database's unique index makes submission retry then). Demanding zero
        // would make this test flaky; a broken generator (a reused seed, a narrow range) repeats far more.
        var duplicates = codes.Count - codes.Distinct(StringComparer.Ordinal).Count();
        Assert.True(duplicates <= 2, $"{duplicates} repeated codes among 10,000");

        // A counter (or a clock) would give codes in order, or with a first character that barely changes.
        Assert.NotEqual(codes.Order(StringComparer.Ordinal), codes);
        Assert.NotEqual(codes.OrderDescending(StringComparer.Ordinal), codes);
        Assert.Equal(23, codes.Select(c => c[0]).Distinct().Count());
        var sharedPrefixWithPrevious = codes.Zip(codes.Skip(1)).Count(p => p.First[..3] == p.Second[..3]);
        Assert.True(sharedPrefixWithPrevious < 10, $"{sharedPrefixWithPrevious} neighbouring codes share their first group");
    }

    [Fact]
    public void Alphabet_HasNoLookAlikes()
    {
        Assert.Equal("34679ACDEFGHJKMNPQRTWXY", TrackingCode.Alphabet);
        Assert.Equal(8, TrackingCode.Length);
    }

    [Fact]
    public void Parse_AsAPersonTypesIt_FindsTheCode()
    {
        var code = TrackingCode.NewCode();
        var typed = new[]
        {
            code.ToLowerInvariant(),
            $"{code[..3]} {code[3..6]} {code[6..]}".ToLowerInvariant(),
            $"{code[..3]}-{code[3..6]}-{code[6..]}",
            $"{code[..3]}–{code[3..6]}–{code[6..]}",
            $"  {code[..3]}—{code[3..6]}.{code[6..]}  ",
            $"{code[..3].ToLowerInvariant()} {code[3..6]}-{code[6..].ToLowerInvariant()}",
        };

        foreach (var text in typed)
        {
            var parsed = TrackingCode.Parse(text);
            Assert.True(parsed.IsValid, $"'{text}' was refused: {parsed.Problem}");
            Assert.Equal(code, parsed.Code);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Nothing_IsEmpty(string? typed)
    {
        var parsed = TrackingCode.Parse(typed);

        Assert.False(parsed.IsValid);
        Assert.Null(parsed.Code);
        Assert.Equal(TrackingCodeProblem.Empty, parsed.Problem);
    }

    [Theory]
    [InlineData("K7P4QX9")]
    [InlineData("K7P4QX9GG")]
    [InlineData("K7P-4QX")]
    [InlineData("--")]
    [InlineData("K7P4QX9G K7P4QX9G")]
    public void Parse_WrongNumberOfCharacters_IsWrongLength(string typed)
    {
        Assert.Equal(new TrackingCodeParse(null, TrackingCodeProblem.WrongLength), TrackingCode.Parse(typed));
    }

    [Theory]
    [InlineData('O')]
    [InlineData('0')]
    [InlineData('I')]
    [InlineData('1')]
    [InlineData('L')]
    [InlineData('S')]
    [InlineData('5')]
    [InlineData('Z')]
    [InlineData('2')]
    [InlineData('B')]
    [InlineData('8')]
    [InlineData('U')]
    [InlineData('V')]
    [InlineData('#')]
    [InlineData('Ą')]
    public void Parse_LetterOutsideTheAlphabet_IsWrongCharacters(char outsider)
    {
        var code = ValidCode("K7P4QX9");
        foreach (var position in new[] { 0, 4, 7 })
        {
            var typed = string.Concat(code.AsSpan(0, position), outsider.ToString(), code.AsSpan(position + 1));

            Assert.Equal(new TrackingCodeParse(null, TrackingCodeProblem.WrongCharacters), TrackingCode.Parse(typed));
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Parse_AnyPayload_ExactlyOneCheckCharacterMakesItValid(string payload)
    {
        var check = Assert.Single(TrackingCode.Alphabet, c => TrackingCode.Parse(payload + c).IsValid);
        Assert.Equal(new TrackingCodeParse(payload + check, TrackingCodeProblem.None), TrackingCode.Parse(payload + check));
        Assert.All(
            TrackingCode.Alphabet.Where(c => c != check),
            c => Assert.Equal(TrackingCodeProblem.Mistyped, TrackingCode.Parse(payload + c).Problem));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Parse_EverySingleCharacterTypo_IsMistyped(string payload)
    {
        AssertEveryTypoMistyped(ValidCode(payload));
    }

    [Fact]
    public void Parse_EverySingleCharacterTypoOfANewCode_IsMistyped()
    {
        AssertEveryTypoMistyped(TrackingCode.NewCode());
    }

    [Theory]
    [InlineData("K7P4QX9G", "K7P-4QX-9G")]
    [InlineData("33333333", "333-333-33")]
    [InlineData("K7P4", "K7P4")]
    public void Format_Code_GroupsThreeThreeTwo(string code, string expected)
    {
        Assert.Equal(expected, TrackingCode.Format(code));
    }

    [Fact]
    public void Groups_Code_ThreeChunksInOrder()
    {
        Assert.Equal(["K7P", "4QX", "9G"], TrackingCode.Groups("K7P4QX9G"));
        Assert.Equal(["K7P4"], TrackingCode.Groups("K7P4"));
    }

    [Fact]
    public void Format_ThenParse_GivesTheSameCode()
    {
        var code = TrackingCode.NewCode();

        Assert.Equal(code, TrackingCode.Parse(TrackingCode.Format(code)).Code);
        Assert.Equal(code, TrackingCode.Parse(string.Join(' ', TrackingCode.Groups(code))).Code);
    }

    private static void AssertEveryTypoMistyped(string code)
    {
        var accepted = new List<string>();
        for (var i = 0; i < code.Length; i++)
        {
            foreach (var c in TrackingCode.Alphabet.Where(c => c != code[i]))
            {
                var typo = string.Concat(code.AsSpan(0, i), c.ToString(), code.AsSpan(i + 1));
                var parsed = TrackingCode.Parse(typo);
                if (parsed.Problem != TrackingCodeProblem.Mistyped)
                {
                    accepted.Add($"{typo} ({parsed.Problem})");
                }
            }
        }

        Assert.True(accepted.Count == 0, $"Typos of {code} not reported as mistyped: {string.Join(", ", accepted)}");
    }

    // The one valid code for a payload: the character that Parse accepts in last place.
    private static string ValidCode(string payload) =>
        payload + Assert.Single(TrackingCode.Alphabet, c => TrackingCode.Parse(payload + c).IsValid);
}
