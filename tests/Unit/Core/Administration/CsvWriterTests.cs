using System.Text;

namespace MobilnyUrzednik.Core.Administration;

public class CsvWriterTests
{
    [Theory]
    [InlineData("Dowód osobisty", "Dowód osobisty")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("Powiedział \"tak\"", "\"Powiedział \"\"tak\"\"\"")]
    [InlineData("dwie\nlinie", "\"dwie\nlinie\"")]
    [InlineData("", "")]
    [InlineData("2,5", "2,5")]
    public void Cell_QuotesOnlyWhatRfc4180Needs(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://zly.example\")", "\"'=HYPERLINK(\"\"http://zly.example\"\")\"")]
    [InlineData("+48 600", "'+48 600")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=1;2", "\"'=1;2\"")]
    public void Cell_FormulaLikeText_StaysText(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public void ToBytes_StartsWithTheUtf8ByteOrderMarkAndUsesSemicolonsAndCrLf()
    {
        var bytes = CsvWriter.ToBytes([["Miesiąc", "Liczba"], ["2026-11", "3"]]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("Miesiąc;Liczba\r\n2026-11;3\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
