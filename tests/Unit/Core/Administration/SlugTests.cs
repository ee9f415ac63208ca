namespace MobilnyUrzednik.Core.Administration;

public class SlugTests
{
    [Theory]
    [InlineData("Dowód osobisty", "dowod-osobisty")]
    [InlineData("Zaświadczenie o źrebięciu, łące i żółwiu", "zaswiadczenie-o-zrebieciu-lace-i-zolwiu")]
    [InlineData("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż", "acelnoszz-acelnoszz")]
    [InlineData("  Wniosek -- (800+) / ZUS  ", "wniosek-800-zus")]
    [InlineData("!!!", "sprawa")]
    public void FromName_PolishName_GivesAsciiHyphenatedSlug(string name, string slug) =>
        Assert.Equal(slug, Slug.FromName(name));

    [Fact]
    public void FromName_VeryLongName_IsCutAtAWordBoundaryWithinTheLimit()
    {
        var slug = Slug.FromName(string.Join(' ', Enumerable.Repeat("wniosek", 30)));

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void UniqueSlug_TakenSlug_GetsTheNextFreeNumber() =>
        Assert.Equal("dowod-osobisty-3", CatalogueAdmin.UniqueSlug("dowod-osobisty", ["dowod-osobisty", "dowod-osobisty-2"]));
}
