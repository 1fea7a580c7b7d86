fn main() -> std::process::ExitCode {
    disco::cli::main()
}
