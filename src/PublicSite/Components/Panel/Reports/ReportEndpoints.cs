using Microsoft.Extensions.Localization;
using MobilnyUrzednik.Core.Administration;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Common;
using MobilnyUrzednik.Core.Staff;

namespace MobilnyUrzednik.PublicSite.Components.Panel.Reports;

/// <summary>The reports as a CSV download (<see cref="PanelRoutes.ReportsCsv"/>), for the ViewReports policy only.</summary>
internal static class ReportEndpoints
{
    public static WebApplication MapReportEndpoints(this WebApplication app)
    {
        app.MapGet(PanelRoutes.ReportsCsv, async (HttpContext context, Core.Administration.Reports reports, AuditLog audit, TimeProvider clock, IStringLocalizer<ReportText> loc) =>
        {
            var actor = StaffActor.From(context.User);
            if (actor is null || !actor.Can(StaffPermission.ViewReports))
            {
                return Results.Forbid();
            }

            var report = await reports.GetAsync(actor, context.RequestAborted);
            var bytes = CsvWriter.ToBytes(ReportLabels.CsvRows(report, loc));
            await audit.RecordAsync(actor, AuditActions.ReportExported, "report:programme", $"{report.From:yyyy-MM-dd}..{report.To:yyyy-MM-dd}", context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(bytes, "text/csv; charset=utf-8", $"mobilny-urzednik-raport-{WarsawTime.Today(clock):yyyy-MM-dd}.csv");
        }).RequireAuthorization(StaffPermissions.Policy(StaffPermission.ViewReports));
        return app;
    }
}
