//! vanban's command line. A table of contents: parse the arguments, run one command.

use clap::Parser;
use vanban::cli::args::{Cli, Command};
use vanban::cli::batch::batch;
use vanban::cli::check::check;
use vanban::cli::edit::edit;
use vanban::cli::envelope::envelope;
use vanban::cli::import::import;
use vanban::cli::issue::issue;
use vanban::cli::register::register;
use vanban::cli::new::new;
use vanban::cli::preview::{layout, preview};
use vanban::cli::render::render;
use vanban::cli::serve::serve;
use vanban::cli::sign::sign;
use vanban::cli::verify::verify;

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Render(a) => render(a),
        Command::Check(a) => check(a),
        Command::Batch(a) => batch(a),
        Command::Preview(a) => preview(a),
        Command::Layout(a) => layout(a),
        Command::Serve(a) => serve(a),
        Command::Edit(a) => edit(a),
        Command::Sign(a) => sign(a),
        Command::Verify(a) => verify(a),
        Command::Import(a) => import(a),
        Command::Issue(a) => issue(a),
        Command::Register(a) => register(a),
        Command::Envelope(a) => envelope(a),
        Command::Schema => {
            println!("{}", serde_json::to_string_pretty(&vanban::model::schema()).expect("JSON"));
            0
        }
        Command::New { doc_type, profile } => new(&doc_type, &profile),
    };
    std::process::exit(code);
}
