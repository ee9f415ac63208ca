using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <summary>
    /// The data-protection key ring moves into the database (sign-ins and enrolled kiosks survive restarts), requests
    /// get a version for optimistic concurrency, and matter names a unique comparison key.
    /// </summary>
    public partial class KeyRingVersionsAndMatterNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VisitRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Matters",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Existing names get their key before the unique index is made (SQLite's lower() folds ASCII only; the app
            // re-keys every matter with the full Polish rule at its next start, see DemoData).
            migrationBuilder.Sql("UPDATE Matters SET NameKey = lower(trim(Name));");

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Matters_NameKey",
                table: "Matters",
                column: "NameKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropIndex(
                name: "IX_Matters_NameKey",
                table: "Matters");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "VisitRequests");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Matters");
        }
    }
}
