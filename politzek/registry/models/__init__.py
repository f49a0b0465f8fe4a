"""The registry's data model (see DESIGN.md, Data model)."""

from politzek.registry.models.aggregates import AggregateDetention
from politzek.registry.models.base import NameKind, Record, Visibility
from politzek.registry.models.cases import Case, Charge, Sentence
from politzek.registry.models.deals import Concession, Deal, DealRelease
from politzek.registry.models.events import Event, Recognition
from politzek.registry.models.facilities import Facility
from politzek.registry.models.imports import HistoryPurge, ImportBatch
from politzek.registry.models.lists import ExchangeList, ExchangeListEntry
from politzek.registry.models.matching import DuplicateCandidate, MatchJudgement, PersonMerge
from politzek.registry.models.officials import CaseRole, Official, OfficialMatch, OfficialName, Position, Sanction
from politzek.registry.models.people import Biography, Consent, ExternalKey, Gender, Person, PersonName
from politzek.registry.models.proposals import ProposalEvidence, SanctionProposal
from politzek.registry.models.reported import ReportedFigure
from politzek.registry.models.sources import Organization, Source, Tag

__all__ = [
    "AggregateDetention", "Biography", "Case", "CaseRole", "Charge", "Concession", "Consent", "Deal",
    "DealRelease", "DuplicateCandidate", "Event", "ExchangeList", "ExchangeListEntry", "ExternalKey",
    "Facility", "Gender", "HistoryPurge", "ImportBatch", "MatchJudgement", "NameKind", "Official", "OfficialMatch",
    "OfficialName", "Organization", "Person", "PersonMerge", "PersonName", "Position", "ProposalEvidence",
    "Recognition", "Record", "ReportedFigure", "Sanction", "SanctionProposal", "Sentence", "Source", "Tag",
    "Visibility",
]
