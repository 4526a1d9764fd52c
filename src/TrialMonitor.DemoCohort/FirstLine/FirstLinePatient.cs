namespace TrialMonitor.DemoCohort.FirstLine;

/// <summary>What the cohort deals a patient before the course is drawn: number, site, day 0, pattern, intercurrent event and own seed.</summary>
internal sealed record FirstLinePatient(int No, string Site, DateOnly StartedOn, ResponsePattern Pattern, Intercurrent Intercurrent, int Seed);
