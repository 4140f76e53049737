//! Every route of the app, the roles it admits, and the middleware around them: the single place to read
//! who may do what. The route-role matrix test walks this same table.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{MethodRouter, get, post};
use g1000_store::Role;

use crate::auth::{Access, guard};
use crate::pages::{
    account, actions, attributes, confirmation, day, door, groups, invitations, outbox, personal,
    programme, proposals, public, registration, seating, selection, summit, team, vote,
};
use crate::security::MAX_FORM_BYTES;
use crate::{AppState, assets, security};

const ORGANISER: &[Role] = &[Role::Organiser];
/// The people who run the day: they see the run-sheet.
const CREW: &[Role] = &[Role::Organiser, Role::Facilitator, Role::TableHost];
/// The people at the door: they check participants in. The same roles run the facilitator console.
const DOOR: &[Role] = door::DOOR_ROLES;
/// The people who run votes and action groups.
const FACILITATORS: &[Role] = &[Role::Organiser, Role::Facilitator];

/// One row of the route table.
pub struct RouteInfo {
    pub methods: &'static [&'static str],
    pub path: &'static str,
    pub access: Access,
}

struct Entry {
    info: RouteInfo,
    router: MethodRouter<AppState>,
}

fn e(
    methods: &'static [&'static str],
    path: &'static str,
    access: Access,
    router: MethodRouter<AppState>,
) -> Entry {
    Entry {
        info: RouteInfo {
            methods,
            path,
            access,
        },
        router,
    }
}

const G: &[&str] = &["GET"];
const P: &[&str] = &["POST"];
const GP: &[&str] = &["GET", "POST"];

#[rustfmt::skip] // one route a line: the table is meant to be read
fn table() -> Vec<Entry> {
    use Access::*;
    vec![
        e(G,  "/", Public, get(public::home)),
        e(G,  "/healthz", Public, get(public::healthz)),
        e(G,  "/lang/{code}", Public, get(public::set_language)),
        e(GP, "/setup", Public, get(account::setup_form).post(account::setup)),
        e(GP, "/login", Public, get(account::login_form).post(account::login)),
        e(P,  "/logout", Public, post(account::logout)),
        e(G,  "/account", LoggedIn, get(account::overview)),
        e(GP, "/summits/new", OrganiserAccount, get(summit::new_form).post(summit::create)),
        e(G,  "/s/{slug}", PublicSummit, get(public::summit_page)),
        e(G,  "/s/{slug}/events", PublicSummit, get(public::events)),
        e(G,  "/s/{slug}/audit", PublicSummit, get(public::audit_page)),
        e(G,  "/s/{slug}/audit.json", PublicSummit, get(public::audit_json)),
        e(G,  "/s/{slug}/runsheet", Summit(CREW), get(public::runsheet)),
        e(G,  "/s/{slug}/selection/{file}", PublicSummit, get(selection::public_file)),
        e(GP, "/r", Public, get(registration::general_start).post(registration::general_enter)),
        e(G,  "/r/{code}", Public, get(registration::letter_link)),
        e(GP, "/s/{slug}/register", PublicSummit, get(registration::start).post(registration::enter_code)),
        e(GP, "/s/{slug}/register/{code}", PublicSummit, get(registration::form).post(registration::submit)),
        e(GP, "/s/{slug}/join/{id}", PublicSummit, get(registration::open_form).post(registration::open_submit)),
        e(G,  "/s/{slug}/registered", PublicSummit, get(registration::registered)),
        e(G,  "/s/{slug}/privacy", PublicSummit, get(registration::privacy)),
        e(G,  "/manage/{slug}", Summit(ORGANISER), get(summit::dashboard)),
        e(GP, "/manage/{slug}/edit", Summit(ORGANISER), get(summit::edit_form).post(summit::update)),
        e(P,  "/manage/{slug}/publish", Summit(ORGANISER), post(summit::publish)),
        e(GP, "/manage/{slug}/groups", Summit(ORGANISER), get(groups::list).post(groups::add)),
        e(GP, "/manage/{slug}/groups/{id}", Summit(ORGANISER), get(groups::edit_form).post(groups::update)),
        e(P,  "/manage/{slug}/groups/{id}/delete", Summit(ORGANISER), post(groups::delete)),
        e(GP, "/manage/{slug}/attributes", Summit(ORGANISER), get(attributes::list).post(attributes::add)),
        e(GP, "/manage/{slug}/attributes/{id}", Summit(ORGANISER), get(attributes::edit_form).post(attributes::update)),
        e(P,  "/manage/{slug}/attributes/{id}/delete", Summit(ORGANISER), post(attributes::delete)),
        e(GP, "/manage/{slug}/programme", Summit(ORGANISER), get(programme::list).post(programme::add)),
        e(GP, "/manage/{slug}/programme/{id}", Summit(ORGANISER), get(programme::edit_form).post(programme::update)),
        e(P,  "/manage/{slug}/programme/{id}/move", Summit(ORGANISER), post(programme::move_round)),
        e(P,  "/manage/{slug}/programme/{id}/delete", Summit(ORGANISER), post(programme::delete)),
        e(GP, "/manage/{slug}/invitations", Summit(ORGANISER), get(invitations::list).post(invitations::import).layer(DefaultBodyLimit::max(MAX_FORM_BYTES))),
        e(P,  "/manage/{slug}/invitations/links", Summit(ORGANISER), post(invitations::make_links)),
        e(G,  "/manage/{slug}/registrations", Summit(ORGANISER), get(invitations::overview)),
        e(GP, "/manage/{slug}/selection", Summit(ORGANISER), get(selection::show).post(selection::save_quotas)),
        e(P,  "/manage/{slug}/selection/run", Summit(ORGANISER), post(selection::run)),
        e(P,  "/manage/{slug}/selection/commit", Summit(ORGANISER), post(selection::commit)),
        e(P,  "/manage/{slug}/selection/draw", Summit(ORGANISER), post(selection::draw)),
        e(P,  "/manage/{slug}/selection/deadline", Summit(ORGANISER), post(confirmation::set_deadline)),
        e(P,  "/manage/{slug}/selection/no-shows", Summit(ORGANISER), post(confirmation::replace_no_shows)),
        e(GP, "/manage/{slug}/team", Summit(ORGANISER), get(team::list).post(team::add)),
        e(P,  "/manage/{slug}/team/remove", Summit(ORGANISER), post(team::remove)),
        e(G,  "/manage/{slug}/outbox", Summit(ORGANISER), get(outbox::list)),
        e(G,  "/manage/{slug}/outbox.csv", Summit(ORGANISER), get(outbox::csv)),
        e(P,  "/manage/{slug}/outbox/retry", Summit(ORGANISER), post(outbox::retry)),
        e(G,  "/manage/{slug}/badges", Summit(ORGANISER), get(door::badges)),
        e(G,  "/manage/{slug}/badges.pdf", Summit(ORGANISER), get(door::badges_pdf_route)),
        e(GP, "/manage/{slug}/personal-data", Summit(ORGANISER), get(personal::retention_form).post(personal::retention_save)),
        e(GP, "/s/{slug}/door", Summit(DOOR), get(door::door).post(door::check_in)),
        // A badge's QR code: door crew check the person in; anyone else may open their own phone screen.
        e(G,  "/s/{slug}/door/{code}", PublicSummit, get(door::door_scanned)),
        // Seating (issue 5): tables, runs, hand moves, printing; the hosts' view of their tables.
        e(G,  "/manage/{slug}/seating", Summit(ORGANISER), get(seating::show)),
        e(P,  "/manage/{slug}/seating/tables", Summit(ORGANISER), post(seating::add_tables)),
        e(P,  "/manage/{slug}/seating/tables/{id}", Summit(ORGANISER), post(seating::update_table)),
        e(P,  "/manage/{slug}/seating/tables/{id}/delete", Summit(ORGANISER), post(seating::delete_table)),
        e(P,  "/manage/{slug}/seating/run", Summit(ORGANISER), post(seating::run)),
        e(GP, "/manage/{slug}/seating/move", Summit(ORGANISER), get(seating::move_form).post(seating::move_person)),
        e(G,  "/manage/{slug}/seating/print", Summit(ORGANISER), get(seating::print)),
        e(G,  "/s/{slug}/tables", Summit(CREW), get(seating::host_tables)),
        // The day (issue 6, part A): participants' phone screens, the facilitator console, hosts, projector.
        e(GP, "/s/{slug}/day/start", PublicSummit, get(day::session::start_form).post(day::session::start)),
        e(P,  "/s/{slug}/day/leave", Participant, post(day::session::leave)),
        e(G,  "/s/{slug}/day", Participant, get(day::participant::page)),
        e(P,  "/s/{slug}/day/keywords", Participant, post(day::participant::add_keyword)),
        e(P,  "/s/{slug}/day/dots", Participant, post(day::participant::vote)),
        e(G,  "/s/{slug}/console", Summit(DOOR), get(day::console::page)),
        e(P,  "/s/{slug}/console/round", Summit(DOOR), post(day::console::move_round)),
        e(P,  "/s/{slug}/console/timer", Summit(DOOR), post(day::console::timer)),
        e(P,  "/s/{slug}/console/keywords/{id}", Summit(DOOR), post(day::console::moderate)),
        e(P,  "/s/{slug}/console/synonyms", Summit(DOOR), post(day::console::add_synonym)),
        e(P,  "/s/{slug}/console/themes", Summit(DOOR), post(day::console::add_theme)),
        e(P,  "/s/{slug}/console/vote", Summit(DOOR), post(day::console::set_vote)),
        e(P,  "/s/{slug}/console/theme-tables", Summit(DOOR), post(day::theme_tables::start)),
        e(P,  "/s/{slug}/console/themes/{id}", Summit(DOOR), post(day::console::change_theme)),
        e(P,  "/s/{slug}/console/keywords/{id}/theme", Summit(DOOR), post(day::console::keyword_theme)),
        e(G,  "/s/{slug}/host", Summit(CREW), get(day::host::page)),
        e(P,  "/s/{slug}/host/attendance", Summit(CREW), post(day::host::attendance)),
        e(P,  "/s/{slug}/host/keywords", Summit(CREW), post(day::host::add_keyword)),
        e(G,  "/s/{slug}/screen", PublicSummit, get(day::screen::page)),
        // Common ground (issue 7): the statements round on phones, console and projector; its public results.
        e(GP, "/s/{slug}/statements", Participant, get(day::statements::participant).post(day::statements::submit)),
        e(P,  "/s/{slug}/statements/vote", Participant, post(day::statements::vote)),
        e(GP, "/s/{slug}/console/statements", Summit(DOOR), get(day::statements::console).post(day::statements::add)),
        e(P,  "/s/{slug}/console/statements/{id}", Summit(DOOR), post(day::statements::moderate)),
        e(P,  "/s/{slug}/console/statements/{id}/theme", Summit(DOOR), post(day::statements::carry)),
        e(G,  "/s/{slug}/common-ground", PublicSummit, get(day::statements::results)),
        e(GP, "/s/{slug}/ideas", PublicSummit, get(day::statements::online).post(day::statements::online_submit)),
        e(P,  "/s/{slug}/ideas/vote", PublicSummit, post(day::statements::online_vote)),
        e(P,  "/s/{slug}/console/online-statements", Summit(DOOR), post(day::statements::set_online)),
        // The day, part B (issue 6): proposals, votes with secret ballots, results, action groups.
        e(GP, "/s/{slug}/proposals", Summit(CREW), get(proposals::list).post(proposals::add)),
        e(GP, "/s/{slug}/proposals/{id}", Summit(CREW), get(proposals::edit_form).post(proposals::update)),
        e(P,  "/s/{slug}/proposals/{id}/publish", Summit(CREW), post(proposals::publish)),
        e(G,  "/s/{slug}/plans", PublicSummit, get(proposals::public_list)),
        e(GP, "/s/{slug}/votes", Summit(FACILITATORS), get(vote::list).post(vote::create)),
        e(G,  "/s/{slug}/votes/{id}", Summit(FACILITATORS), get(vote::show)),
        e(P,  "/s/{slug}/votes/{id}/open", Summit(FACILITATORS), post(vote::open)),
        e(P,  "/s/{slug}/votes/{id}/close", Summit(FACILITATORS), post(vote::close)),
        e(P,  "/s/{slug}/votes/{id}/paper", Summit(FACILITATORS), post(vote::paper)),
        e(G,  "/s/{slug}/results", PublicSummit, get(vote::results_list)),
        e(G,  "/s/{slug}/results/{id}", PublicSummit, get(vote::result_page)),
        e(G,  "/s/{slug}/results/{id}/ballots.csv", PublicSummit, get(vote::ballots_csv)),
        e(G,  "/s/{slug}/results/{id}/ballots.json", PublicSummit, get(vote::ballots_json)),
        e(GP, "/s/{slug}/actions", Summit(FACILITATORS), get(actions::list).post(actions::create)),
        e(G,  "/s/{slug}/actions/{id}", Summit(FACILITATORS), get(actions::show)),
        e(P,  "/s/{slug}/actions/{id}/contact", Summit(FACILITATORS), post(actions::set_contact)),
        e(G,  "/s/{slug}/actions/{id}/export.csv", Summit(FACILITATORS), get(actions::export_csv)),
        e(G,  "/s/{slug}/ballot", Participant, get(vote::participant_votes)),
        e(GP, "/s/{slug}/ballot/{id}", Participant, get(vote::participant_ballot).post(vote::participant_cast)),
        e(GP, "/s/{slug}/commit", Participant, get(actions::participant_signup).post(actions::participant_join)),
        e(GP, "/c/{token}", Public, get(personal::overview).post(personal::answer)),
        e(G,  "/c/{token}/data", Public, get(personal::data)),
        e(GP, "/c/{token}/delete", Public, get(personal::delete_form).post(personal::delete)),
    ]
}

/// The route table without handlers, for tests and documentation.
pub fn route_info() -> Vec<RouteInfo> {
    table().into_iter().map(|e| e.info).collect()
}

pub fn router(state: AppState) -> Router {
    let mut app = Router::new();
    for Entry { info, router } in table() {
        let guarded = router.route_layer(from_fn_with_state((state.clone(), info.access), guard));
        app = app.route(info.path, guarded);
    }
    app.route("/assets/{file}", get(assets::serve))
        .fallback(public::not_found)
        .layer(from_fn_with_state(state.clone(), security::csrf))
        .layer(from_fn(security::headers))
        .with_state(state)
}
