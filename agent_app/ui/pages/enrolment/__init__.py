"""The enrolment page (AMO-TNS, form 328-1-01) and its steps."""

from agent_app.ui.pages.enrolment.page import EnrolmentPage

__all__ = ["EnrolmentPage"]
