using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDedupeKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DedupeKey",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_DedupeKey",
                table: "Outbox",
                column: "DedupeKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_DedupeKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "DedupeKey",
                table: "Outbox");
        }
    }
}
