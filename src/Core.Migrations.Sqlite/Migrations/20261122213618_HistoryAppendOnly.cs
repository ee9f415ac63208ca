using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <summary>
    /// The request history is the resident's and the office's record of what happened: the database
    /// itself refuses to change or remove its rows, whatever code path tries (bulk updates included).
    /// </summary>
    public partial class HistoryAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER RequestHistory_NoUpdate BEFORE UPDATE ON RequestHistory
                BEGIN SELECT RAISE(ABORT, 'Request history is append-only.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER RequestHistory_NoDelete BEFORE DELETE ON RequestHistory
                BEGIN SELECT RAISE(ABORT, 'Request history is append-only.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS RequestHistory_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS RequestHistory_NoDelete;");
        }
    }
}
